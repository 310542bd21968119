import type { Diagnostic } from '../contract/studio-api';
import { isWorkflowPath } from '../contract/workflow';
import path from 'node:path';
import { checkLuaSyntax } from '../spells/lua-syntax';
import { checkTengoSyntax } from '../spells/tengo-syntax';
import { luaLint } from './lua-lint';
import { jsLint } from './js-lint';
import { checkWorkflowText, nodeTypes } from '../workflows';
import { fieldPath } from '../workflows/graph/problems';
import { parseManifestText } from '../spells/manifest-file';
import { MAX_FILE_BYTES } from './spell-files';
import type { StudioLibrary } from './studio-library';
import { badInput } from './studio-error';
import type { HandlersFor } from './studio-handlers';

/**
 * Problems of a file as the editor holds it, found without running anything: Lua is compiled only
 * (the chunk is never called), spell.yaml is parsed and validated with the manifest module so each
 * problem lands on its line, JavaScript is parsed as the module the engine loads and read against the
 * bridge description (js-lint.ts), and a workflow file goes through the CLI's validator (every problem
 * with its line, node and field path, for the canvas to pin). Other files have no checks.
 */
export function diagnosticsService({ library }: { library: StudioLibrary }): HandlersFor<'files.diagnose'> {
  return {
    'files.diagnose': async ({ path: spellPath, file, content }) => {
      if (Buffer.byteLength(content) > MAX_FILE_BYTES) throw badInput('content', `larger than ${MAX_FILE_BYTES / 2 ** 20} MB`);
      const entry = library.locate(spellPath);
      const target = library.fileIn(entry, file);
      if (isWorkflowPath(file)) return workflowDiagnostics(file, target, content);
      if (file === 'spell.yaml' || file.endsWith('/spell.yaml')) return manifestDiagnostics(file, content);
      if (file.endsWith('.lua')) return luaDiagnostics(file, content);
      if (/\.m?js$/.test(file)) return jsLint(content, file, { test: isTestFile(file) });
      if (file.endsWith('.tengo')) return tengoDiagnostics(file, content, path.dirname(target));
      return [];
    },
  };
}

/** A spell's test file (under tests/, or *.test.*): it runs with the test runner's globals. */
function isTestFile(file: string): boolean {
  return /(^|\/)tests\/|\.test\.[a-z]+$/.test(file);
}

/** Every manifest problem at its line (line 1 when the problem concerns the whole file). */
export function manifestDiagnostics(file: string, content: string): Diagnostic[] {
  const result = parseManifestText(content, file);
  if (result.ok) return [];
  return result.problems.map((p) => ({ file, line: p.line ?? 1, message: p.path ? `${p.path}: ${p.message}` : p.message, severity: 'error' as const }));
}

/**
 * The Lua syntax error, if any, at its line (`main.lua:3: '=' expected near 'x'` → line 3); else the
 * problems found by reading the code against the bridge description (see lua-lint.ts).
 */
export async function luaDiagnostics(file: string, content: string): Promise<Diagnostic[]> {
  const error = await checkLuaSyntax(content, file);
  // Test files run with the test runner's globals (test, expect, ...): no global check there.
  if (!error) return luaLint(content, file, { globals: !isTestFile(file) });
  const match = /:(\d+): ([\s\S]*)$/.exec(error);
  const line = match ? Number(match[1]) : 1;
  return [{ file, line, message: match ? match[2]!.trim() : error, severity: 'error' }];
}

/** The first Tengo parse or compile error, at its line and column; imports are looked up beside the file. */
export function tengoDiagnostics(file: string, content: string, dir: string): Diagnostic[] {
  const problem = checkTengoSyntax(content, file, dir);
  return problem ? [{ file, line: problem.line, column: problem.column, message: problem.message, severity: 'error' }] : [];
}

/** Every problem `llmspell validate` finds in a workflow's text, with its line, node and field path. */
export function workflowDiagnostics(file: string, absolute: string, content: string): Diagnostic[] {
  const result = checkWorkflowText(content, absolute, nodeTypes, file);
  if (result.ok) return [];
  return result.problems.map((p) => ({
    file,
    line: p.line ?? 1,
    message: p.path.length > 0 ? `${fieldPath(p.path)}: ${p.message}` : p.message,
    severity: 'error' as const,
    ...(p.nodeId !== undefined ? { nodeId: p.nodeId } : {}),
    ...(p.path.length > 0 ? { path: p.path } : {}),
  }));
}
