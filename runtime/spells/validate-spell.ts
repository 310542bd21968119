import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE } from '../contract/spell-manifest';
import { compatNotesOf } from './compat-notes';
import { checkLuaSyntax } from './lua-syntax';
import { checkTengoSyntax } from './tengo-syntax';
import { ManifestError, formatManifestProblem } from './manifest-problems';
import { resolveSpell, SpellNotFound, type ResolvedSpell } from './resolve-spell';

/** The outcome of validating a spell: every problem found, and notes that are not problems. */
export interface SpellValidation {
  spell?: ResolvedSpell;
  problems: string[];
  warnings: string[];
  /** What became of go-llmspell manifest keys (mapped or ignored), shown by `validate --verbose`. */
  notes: string[];
}

/**
 * Validates a spell without running it: the manifest (every problem, with lines), the entry file,
 * and for Lua the syntax of the entry (compiled, never called). Missing tests or README are warnings.
 */
export async function validateSpell(target: string, cwd: string): Promise<SpellValidation> {
  let spell: ResolvedSpell;
  try {
    spell = resolveSpell(target, cwd);
  } catch (error) {
    if (error instanceof ManifestError) return { problems: error.problems.map(formatManifestProblem), warnings: [], notes: [] };
    if (error instanceof SpellNotFound) return { problems: [error.message], warnings: [], notes: [] };
    throw error;
  }
  const problems: string[] = [];
  const warnings: string[] = [];
  if (spell.engine === 'lua') {
    const error = await checkLuaSyntax(spell.source.code, spell.source.fileName);
    if (error) problems.push(`syntax error: ${error}`);
  }
  if (spell.engine === 'tengo') {
    const error = checkTengoSyntax(spell.source.code, spell.source.fileName, path.dirname(spell.entryPath));
    if (error) problems.push(`syntax error: ${spell.source.fileName}:${error.line}:${error.column}: ${error.message}`);
  }
  if (spell.dir) {
    if (!spell.manifest) warnings.push('no spell.yaml: the spell has default metadata and untyped parameters');
    if (!existsSync(path.join(spell.dir, 'README.md'))) warnings.push('no README.md');
    const tests = path.join(spell.dir, 'tests');
    const hasTests = existsSync(tests) && readdirSync(tests).some((f) => /\.test\.(lua|js|tengo)$/.test(f));
    if (!hasTests) warnings.push('no tests (tests/*.test.lua, tests/*.test.js or tests/*.test.tengo)');
  }
  const notes = spell.dir && spell.manifest ? compatNotesOf(path.join(spell.dir, MANIFEST_FILE), spell.manifest) : [];
  return { spell, problems, warnings, notes };
}
