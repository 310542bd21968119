/**
 * The Tengo interpreter's public face: run a script in-process with the standard library and any
 * extra modules (bridges), under a machine's limits. Engines and tests use this; nothing else needs
 * the compiler's internals.
 */
import { compile } from './compiler';
import { Machine, type MachineOptions } from './machine';
import { stdlib } from './stdlib';
import { TengoError } from './errors';
import { ImmutableMap, type Value } from './values';

export { TengoAbort, TengoError } from './errors';
export { Machine } from './machine';

export interface RunOptions extends MachineOptions {
  /** Modules beyond the standard library (bridges), by import name; they win over stdlib names. */
  modules?: (name: string, m: Machine) => Value | undefined;
  readSource?: (name: string, fromFile: string) => { file: string; source: string } | undefined;
  sleep?: (ms: number) => void;
}

/** Compiles `source` and returns a function that runs it (errors are TengoError / TengoAbort). */
export function prepare(source: string, file: string, opts: RunOptions = {}): { machine: Machine; run: () => Value } {
  const machine = new Machine(opts);
  const std = stdlib(machine, opts.sleep);
  const run = compile(source, file, {
    machine,
    module: (name) => opts.modules?.(name, machine) ?? std(name),
    readSource: opts.readSource,
  });
  return { machine, run };
}

/** Compiles and runs a script; returns its result (undefined unless it is a module that exports). */
export function runTengo(source: string, file: string, opts: RunOptions = {}): Value {
  return prepare(source, file, opts).run();
}

/** What a syntax check may assume about imports. */
export interface CheckOptions {
  /** Whether `name` is a standard or bridge module (bridges are not built for a check). */
  isModule: (name: string) => boolean;
  /** Whether a source module `name`, imported from `fromFile`, exists. */
  hasSource?: (name: string, fromFile: string) => boolean;
}

/**
 * Parses and compiles `source` without running a statement: the first Parse or Compile error (with
 * its file:line:column), or undefined. Imported source modules are assumed empty (not compiled).
 */
export function checkTengo(source: string, file: string, opts: CheckOptions): TengoError | undefined {
  const stand = new ImmutableMap(new Map());
  try {
    compile(source, file, {
      machine: new Machine(),
      module: (name) => (opts.isModule(name) ? stand : undefined),
      readSource: (name, from) => (opts.hasSource?.(name, from) ? { file: `${name}.tengo`, source: '' } : undefined),
    });
    return undefined;
  } catch (e) {
    if (e instanceof TengoError) return e;
    throw e;
  }
}
