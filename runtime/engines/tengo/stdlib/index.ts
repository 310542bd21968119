/**
 * Tengo's standard library as this engine offers it: fmt, text, math, times, rand, json, base64,
 * hex, enum. There is no `os` module: a spell reaches the world only through bridges.
 */
import type { Machine } from '../machine';
import type { Value } from '../values';
import { base64Module, hexModule } from './codecs';
import { enumModule } from './enum';
import { fmtModule } from './fmt';
import { jsonModule } from './json';
import { mathModule } from './math';
import { randModule } from './rand';
import { textModule } from './text';
import { timesModule } from './times';

export const STDLIB_NAMES = ['fmt', 'text', 'math', 'times', 'rand', 'json', 'base64', 'hex', 'enum'] as const;

/** Blocks the thread for `ms` (times.sleep) without spinning. */
export function blockingSleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds modules on first import and keeps them for the run. */
export function stdlib(m: Machine, sleep: (ms: number) => void = blockingSleep): (name: string) => Value | undefined {
  const made = new Map<string, Value>();
  const build: Record<string, () => Value> = {
    fmt: () => fmtModule(m),
    text: () => textModule(m),
    math: () => mathModule(),
    times: () => timesModule(m, sleep),
    rand: () => randModule(m),
    json: () => jsonModule(m),
    base64: () => base64Module(),
    hex: () => hexModule(),
    enum: () => enumModule(m),
  };
  return (name) => {
    if (!Object.hasOwn(build, name)) return undefined;
    let v = made.get(name);
    if (v === undefined) {
      v = build[name]!();
      made.set(name, v);
    }
    return v;
  };
}
