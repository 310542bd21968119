/**
 * Syntactic checks of a spell-given storage path, before it touches the file system: a path is a
 * plain relative name like `notes/today.txt`, and anything that could be read as another path by some
 * layer (`..`, absolute, encoded, backslash, NUL) is refused with a message that names the problem.
 */
import { extname } from 'node:path';

/** Longest path accepted, in characters. */
export const MAX_PATH_LENGTH = 1024;

/** Deepest path accepted, in segments (bounds folder walks and pattern matching). */
export const MAX_PATH_DEPTH = 32;

/** A path as shown in messages: control characters escaped, so a NUL cannot cut the message. */
export function shownPath(path: string): string {
  return path.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Throws `storage: path '<p>' <problem>` unless `path` is a safe relative path; returns its segments. */
export function pathSegments(path: string): string[] {
  const fail = (problem: string): never => {
    throw new Error(`storage: path '${shownPath(path)}' ${problem}`);
  };
  if (path.length === 0) fail('is empty');
  if (path.length > MAX_PATH_LENGTH) fail(`is longer than ${MAX_PATH_LENGTH} characters`);
  // NUL truncates paths in C APIs: "a.txt\0.exe" would pass the extension check and open "a.txt"
  if (path.includes('\0')) fail('contains a NUL byte');
  if (/[\x01-\x1f\x7f]/.test(path)) fail('contains a control character');
  // a backslash is a separator on Windows: "..\\x" would escape there
  if (path.includes('\\')) fail("contains a backslash; use '/' between folders");
  // %2e/%2f/%5c/%00, also double-encoded (%252e ...): some layer may decode them into '..' or '/'
  if (/%(?:25)*(?:2e|2f|5c|00)/i.test(path)) fail("contains a percent-encoded '.', '/', '\\' or NUL");
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) fail('is absolute; give a path relative to the storage folder');
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  // no normalisation: any '..' is refused, even one that would stay inside
  if (segments.includes('..')) fail('leaves the storage folder');
  if (segments.length === 0) fail('names no file');
  if (segments.length > MAX_PATH_DEPTH) fail(`is deeper than ${MAX_PATH_DEPTH} folders`);
  return segments;
}

/** The lowercased extension list, each with its dot. */
export function normalizeExtensions(extensions: readonly string[]): string[] {
  return extensions.map((e) => (e.startsWith('.') ? e : `.${e}`).toLowerCase());
}

/** Throws unless the file name's extension is allowed (case-insensitive). */
export function checkExtension(path: string, fileName: string, allowed: readonly string[]): void {
  const list = allowed.length > 0 ? allowed.join(', ') : 'none';
  const ext = extname(fileName);
  // extname('.env') is '': dotfiles count as having no extension, so they are refused too
  if (ext === '') throw new Error(`storage: '${shownPath(path)}' has no file extension (allowed: ${list})`);
  if (!allowed.includes(ext.toLowerCase())) throw new Error(`storage: extension '${ext}' is not allowed (allowed: ${list})`);
}
