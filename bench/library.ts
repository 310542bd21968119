/**
 * Library benchmark: indexes 10,000 generated spells and searches them. Budgets from issue 5:
 * a cold index in ≤ 1 s, a search in ≤ 50 ms. `benchLibrary()` returns printable lines, so
 * bench/run.mjs (or anything else) can call it; each line shows the time and its ratio to the budget.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SpellLibrary } from '../runtime/spells/library/spell-library';

const WORDS = ['summarize', 'translate', 'review', 'chat', 'research', 'compare', 'extract', 'classify', 'draft', 'plan'];
const TAGS = ['llm', 'tools', 'agents', 'workflow', 'web', 'data', 'writing', 'code'];

/** Writes `count` spell folders (spell.yaml + main.lua) into a fresh temp dir; returns the library folder. */
export function generateSpells(count: number): string {
  const root = mkdtempSync(path.join(tmpdir(), 'llmspell-bench-'));
  const folder = path.join(root, 'spells');
  mkdirSync(folder);
  for (let i = 0; i < count; i++) {
    const name = `${WORDS[i % WORDS.length]}-spell-${i}`;
    const dir = path.join(folder, name);
    mkdirSync(dir);
    const tags = [TAGS[i % TAGS.length], TAGS[(i * 7) % TAGS.length]];
    writeFileSync(
      path.join(dir, 'spell.yaml'),
      `name: ${name}
version: 1.${i % 10}.0
description: ${WORDS[(i * 3) % WORDS.length]} documents with an LLM, variant ${i}
author: Bench Author
engine: lua
entry: main.lua
tags: [${[...new Set(tags)].join(', ')}]
parameters:
  - name: input
    type: string
    description: What to work on
    required: true
  - name: max_words
    type: integer
    default: 200
    min: 1
permissions:
  llm: true
`,
    );
    writeFileSync(path.join(dir, 'main.lua'), `print(params.input)\n`);
  }
  return folder;
}

/** Wall time and CPU time (user + system) of `fn`, in ms: on a busy machine the CPU time is the steadier one. */
function time(fn: () => unknown): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  fn();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const line = (label: string, t: { wall: number; cpu: number }, budget: number) =>
  `${label.padEnd(32)} ${t.wall.toFixed(1).padStart(8)} ms (cpu ${t.cpu.toFixed(1).padStart(7)} ms)   budget ${budget} ms   ratio ${(t.wall / budget).toFixed(2)}`;

/** Runs the library benchmark over `count` spells (10,000 by default) and returns printable lines. */
export async function benchLibrary(count = 10_000): Promise<string[]> {
  const folder = generateSpells(count);
  try {
    // Let the kernel and the GC finish with the 20,000 files just written: the budget is for
    // indexing spells already on disk, not for the tail of generating them.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const library = new SpellLibrary([{ path: folder, origin: 'project' }]);
    const cold = time(() => library.refresh());
    const size = library.entries().length;
    if (size !== count) throw new Error(`indexed ${size} spells, expected ${count}`);
    const warm = time(() => library.refresh());
    const touched = path.join(folder, `${WORDS[5]}-spell-5`, 'spell.yaml');
    utimesSync(touched, new Date(), new Date(Date.now() + 5000));
    const oneChanged = time(() => library.refresh());
    const searches: [string, () => unknown][] = [
      ['search "summarize llm"', () => library.search({ text: 'summarize llm' })],
      ['search "variant 9999"', () => library.search({ text: 'variant 9999' })],
      ['search tag "web"', () => library.search({ tag: 'web' })],
      ['search "review" + tag "code"', () => library.search({ text: 'review', tag: 'code' })],
    ];
    const lines = [`library: ${count} spells`, line('index (cold)', cold, 1000), line('refresh (nothing changed)', warm, 1000), line('refresh (one manifest changed)', oneChanged, 1000)];
    for (const [label, run] of searches) {
      run(); // warm up
      lines.push(line(label, time(run), 50));
    }
    return lines;
  } finally {
    rmSync(path.dirname(folder), { recursive: true, force: true });
  }
}
