#!/usr/bin/env node
// Lints the engines' Lua with luacheck (Debian package lua-check; settings in .luacheckrc). Bridges
// are checked file by file. The prelude's numbered parts share one chunk's locals, so they are checked
// joined in the order of their numbers, as runtime/engines/lua/prelude/index.ts runs them, and each
// message is mapped back to its part's file and line.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BRIDGES_DIR = 'runtime/engines/lua/bridges';
export const PRELUDE_DIR = 'runtime/engines/lua/prelude';

/** The prelude's parts in run order: `1-core.lua`, `2-json.lua`, ... (by their leading number). */
export function preludeParts(root, dir = PRELUDE_DIR) {
  return readdirSync(path.join(root, dir))
    .filter((name) => /^\d+-.*\.lua$/.test(name))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
    .map((name) => path.posix.join(dir, name));
}

/** Joins the parts as the engine does (newline between parts) and says where each part starts. */
export function joinParts(root, parts) {
  const texts = parts.map((file) => readFileSync(path.join(root, file), 'utf8'));
  const starts = [];
  let line = 1;
  for (const text of texts) {
    starts.push(line);
    line += text.split('\n').length; // the joining newline makes up for a missing last line
  }
  return { text: texts.join('\n'), starts };
}

function luacheck(root, args, input) {
  const r = spawnSync('luacheck', ['--formatter', 'plain', '--codes', '--no-color', ...args], { cwd: root, input, encoding: 'utf8' });
  if (r.error) throw new Error(`luacheck could not run (${r.error.message}); install it: apt-get install lua-check`);
  // 0: clean, 1: warnings, 2: errors; anything else means luacheck itself failed.
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) throw new Error(`luacheck failed: ${r.stderr || r.stdout}`);
  return r.stdout.split('\n').filter((l) => l.trim() !== '');
}

/** Every luacheck message for the engine's Lua, as `file:line:col: (code) message`; empty when clean. */
export function lintLua(root, { bridges = BRIDGES_DIR, prelude = PRELUDE_DIR } = {}) {
  const problems = luacheck(root, [bridges]);
  const parts = preludeParts(root, prelude);
  if (parts.length === 0) return problems;
  const joined = joinParts(root, parts);
  // The joined prelude is checked under a name in its folder, so .luacheckrc's settings for it apply.
  const stdinName = path.posix.join(prelude, '(prelude).lua');
  const where = (line) => {
    let i = joined.starts.length - 1;
    while (i > 0 && joined.starts[i] > line) i--;
    return { file: parts[i], line: line - joined.starts[i] + 1 };
  };
  for (const message of luacheck(root, ['-', '--filename', stdinName], joined.text)) {
    const m = message.startsWith(stdinName) ? /^:(\d+):(.*)$/.exec(message.slice(stdinName.length)) : null;
    if (!m) {
      problems.push(message);
      continue;
    }
    const at = where(Number(m[1]));
    // "shadowing ... on line N" and the like name a line of the joined text too.
    const text = m[2].replace(/on line (\d+)/, (_, n) => {
      const other = where(Number(n));
      return other.file === at.file ? `on line ${other.line}` : `on line ${other.line} of ${other.file}`;
    });
    problems.push(`${at.file}:${at.line}:${text}`);
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // The project by default; a test hands it another tree laid out the same way.
  const root = process.argv[2] ? path.resolve(process.argv[2]) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const problems = lintLua(root);
  for (const p of problems) console.error(p);
  if (problems.length > 0) {
    console.error(`luacheck: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the engines' Lua`);
    process.exit(1);
  }
}
