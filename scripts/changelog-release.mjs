#!/usr/bin/env node
// The `version` step of `npm version <patch|minor|major>`: npm has written the new version into
// package.json; this moves CHANGELOG.md's [Unreleased] entries under that version with today's date,
// leaves an empty [Unreleased] above, and stages the file so npm's version commit carries it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const UNRELEASED = '## [Unreleased]';

/**
 * The changelog text with [Unreleased] released as `version` on `date` (YYYY-MM-DD). Throws when
 * there is no [Unreleased] section, when it is empty, or when the version is already listed.
 */
export function releaseChangelog(text, version, date) {
  const start = text.indexOf(UNRELEASED);
  if (start < 0) throw new Error(`CHANGELOG.md has no "${UNRELEASED}" section`);
  if (text.includes(`## [${version}]`)) throw new Error(`CHANGELOG.md already has a section for ${version}`);
  const bodyStart = start + UNRELEASED.length;
  const next = text.indexOf('\n## [', bodyStart);
  const body = text.slice(bodyStart, next < 0 ? text.length : next);
  if (!/^- /m.test(body)) throw new Error(`CHANGELOG.md: nothing under ${UNRELEASED} to release as ${version}`);
  return `${text.slice(0, start)}${UNRELEASED}\n\n## [${version}] - ${date}${body}${next < 0 ? '' : text.slice(next)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const file = path.join(root, 'CHANGELOG.md');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(file, releaseChangelog(readFileSync(file, 'utf8'), version, date));
  // Inside a git checkout npm commits what is staged; elsewhere there is nothing to stage.
  try {
    execFileSync('git', ['add', 'CHANGELOG.md'], { cwd: root, stdio: 'ignore' });
  } catch {
    // not a git checkout
  }
  console.error(`CHANGELOG.md: released ${version} (${date})`);
}
