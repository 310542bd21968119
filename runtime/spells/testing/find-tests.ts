import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** A spell and its test files. */
export interface SpellTests {
  /** The spell folder. */
  spellDir: string;
  /** Absolute paths of `tests/*.test.lua`, `tests/*.test.js` and `tests/*.test.tengo`, sorted. */
  files: string[];
}

const TEST_FILE = /\.test\.(lua|js|tengo)$/;

/**
 * Finds spell tests under `target`: a spell folder (its `tests/`), a single test file, or a folder
 * of spell folders (each with tests). Finding tests never runs anything.
 */
export function findTests(target: string): SpellTests[] {
  const full = path.resolve(target);
  if (!existsSync(full)) throw new Error(`no spell or folder at ${target}`);
  if (statSync(full).isFile()) {
    if (!TEST_FILE.test(full)) throw new Error(`${target} is not a test file (*.test.lua, *.test.js or *.test.tengo)`);
    return [{ spellDir: path.dirname(path.dirname(full)), files: [full] }];
  }
  const own = testsOf(full);
  if (own) return [own];
  const found: SpellTests[] = [];
  for (const entry of readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    found.push(...findTestsIn(path.join(full, entry.name)));
  }
  return found;
}

function findTestsIn(dir: string): SpellTests[] {
  const own = testsOf(dir);
  if (own) return [own];
  if (isSpellFolder(dir)) return [];
  const nested: SpellTests[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith('.')) nested.push(...findTestsIn(path.join(dir, entry.name)));
  }
  return nested;
}

function isSpellFolder(dir: string): boolean {
  return ['spell.yaml', 'main.lua', 'main.js', 'main.tengo'].some((file) => existsSync(path.join(dir, file)));
}

function testsOf(dir: string): SpellTests | undefined {
  const testsDir = path.join(dir, 'tests');
  if (!isSpellFolder(dir) || !existsSync(testsDir)) return undefined;
  const files = readdirSync(testsDir)
    .filter((name) => TEST_FILE.test(name))
    .sort()
    .map((name) => path.join(testsDir, name));
  return files.length > 0 ? { spellDir: dir, files } : undefined;
}
