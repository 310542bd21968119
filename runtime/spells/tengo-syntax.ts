/**
 * Checks a Tengo spell without running it (`llmspell validate`, the studio's diagnostics): parsed and
 * compiled by our interpreter, with the standard modules and the bridge description's modules known,
 * so `import("os")` is the same compile error it is in a run.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { modulesFor } from '../contract/bridge-api';
import { checkTengo } from '../engines/tengo/interpreter';
import { STDLIB_NAMES } from '../engines/tengo/stdlib/index';

const KNOWN = new Set<string>([...STDLIB_NAMES, ...modulesFor('tengo').map((m) => m.module.name), 'params', 'testing']);

/** A problem at its place (1-based line and column). */
export interface TengoProblem {
  message: string;
  line: number;
  column: number;
}

/**
 * The first syntax or compile error of `code`, or undefined. `dir` is the folder of the file on disk,
 * where its source modules (`import("./util")`) are looked up; without it they are assumed present.
 */
export function checkTengoSyntax(code: string, fileName: string, dir?: string): TengoProblem | undefined {
  const error = checkTengo(code, fileName, {
    isModule: (name) => KNOWN.has(name),
    hasSource: (name) => dir === undefined || existsSync(path.resolve(dir, name.endsWith('.tengo') ? name : `${name}.tengo`)),
  });
  if (!error) return undefined;
  const at = error.trace[0];
  return { message: `${error.kind} Error: ${error.detail}`, line: at?.line ?? 1, column: at?.col ?? 1 };
}
