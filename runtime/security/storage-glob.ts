/**
 * Glob patterns for `storage.list`: `*` (any characters within one folder name), `?` (one character),
 * `**` as a whole segment (any number of folders). Everything else is literal. Matching is done by a
 * small linear-time matcher rather than a generated RegExp: a spell-chosen pattern like `*a*a*a*a*b`
 * would make a backtracking regex take exponential time, and no character can be read as regex syntax.
 */
import { MAX_PATH_DEPTH, shownPath } from './storage-path';

/** Longest pattern accepted, in characters. */
const MAX_PATTERN_LENGTH = 256;

/** Does one name match one pattern segment (`*`, `?`, literals)? O(name × pattern), no recursion. */
function matchName(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = n;
    } else if (star !== -1) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Segment-level match with `**` spanning folders: a dynamic-programming table, no backtracking. */
function matchSegments(pattern: string[], path: string[]): boolean {
  // ok[j] = does pattern[0..i) match path[0..j)
  let ok = path.map(() => false).concat(false);
  ok[0] = true;
  for (const seg of pattern) {
    const next = ok.map(() => false);
    for (let j = 0; j <= path.length; j++) {
      if (seg === '**') next[j] = ok[j] || (j > 0 && (next[j - 1] ?? false));
      else next[j] = j > 0 && (ok[j - 1] ?? false) && matchName(seg, path[j - 1] ?? '');
    }
    ok = next;
  }
  return ok[path.length] ?? false;
}

/**
 * Compiles a pattern into a predicate over relative paths (`notes/a.txt`). Throws
 * `storage: pattern '<p>' ...` for patterns that could reach outside the storage folder.
 */
export function compileGlob(pattern: string): (relativePath: string) => boolean {
  const fail = (problem: string): never => {
    throw new Error(`storage: pattern '${shownPath(pattern)}' ${problem}`);
  };
  if (pattern.length > MAX_PATTERN_LENGTH) fail(`is longer than ${MAX_PATTERN_LENGTH} characters`);
  if (/[\x00-\x1f\x7f]/.test(pattern)) fail('contains a control character');
  if (pattern.includes('\\')) fail("contains a backslash; use '/' between folders");
  if (pattern.startsWith('/') || /^[A-Za-z]:/.test(pattern)) fail('is absolute; give a pattern relative to the storage folder');
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) fail('leaves the storage folder');
  if (segments.length > MAX_PATH_DEPTH) fail(`is deeper than ${MAX_PATH_DEPTH} folders`);
  if (segments.length === 0) return () => true;
  return (relativePath) => matchSegments(segments, relativePath.split('/'));
}
