import { ESLint } from 'eslint';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';

/** The dependency rule of shared/DESIGN.md, proven to bite: each case is a forbidden import. */
const eslint = new ESLint({ cwd: ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

/** The parts of shared/architecture.json and its "never" list, written out again on purpose. */
const parts: Record<string, string[]> = {
  Contract: ['runtime/contract', 'runtime/yaml'],
  Engines: ['runtime/engines'],
  Host: ['runtime/host'],
  Bridges: ['runtime/bridges'],
  LLM: ['runtime/llm'],
  Tools: ['runtime/tools'],
  Guard: ['runtime/security', 'runtime/config'],
  Spells: ['runtime/spells'],
  Flows: ['runtime/workflows'],
  Services: ['runtime/services', 'runtime/studio'],
  UI: ['renderer'],
};
const never: [string, string][] = [
  ['Contract', 'Host'],
  ['UI', 'Host'],
  ['UI', 'Services'],
  ['Engines', 'Host'],
  ['Bridges', 'Host'],
  ['Bridges', 'Flows'],
  ['Tools', 'Bridges'],
  ['Guard', 'Bridges'],
  ['Guard', 'LLM'],
  ['Spells', 'Services'],
  ['Spells', 'Host'],
];

/** A real module of `folder` (without its extension), so the import resolves. */
function moduleIn(folder: string): string {
  const file = readdirSync(path.join(ROOT, folder)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort()[0];
  if (!file) throw new Error(`no module in ${folder}`);
  return `${folder}/${file.replace(/\.ts$/, '')}`;
}

/** Every (importing folder, imported module) pair a never rule forbids. */
const forbidden = never.flatMap(([from, to]) =>
  parts[from]!.flatMap((source) => parts[to]!.map((target) => ({ rule: `never ${from} -> ${to}`, source, target: moduleIn(target) }))),
);

describe('the dependency rule', () => {
  it.each([
    ['runtime/contract/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'no Node APIs'],
    ['runtime/contract/x.ts', "import { Supervisor } from '../host/supervisor';\nexport const x = Supervisor;\n", 'contract imports nothing of ours'],
    ['runtime/host/x.ts', "import { app } from 'electron';\nexport const x = app;\n", 'Only electron/ may import electron'],
    ['runtime/host/x.ts', "import { UtilityProcessTransport } from '../../electron/main/utility-transport';\nexport const x = UtilityProcessTransport;\n", 'runtime never imports electron/'],
    ['runtime/cli/x.ts', "import hello from '../../spells/hello/main.lua';\nexport const x = hello;\n", 'spells are loaded by path'],
  ])('refuses %s: %s', async (file, code, message) => {
    const found = await problems(file, code);
    expect(found.join('\n')).toContain(message);
  });

  it.each(forbidden)('$rule: refuses $source importing $target', async ({ rule, source, target }) => {
    const file = `${source}/x.ts`;
    const specifier = path.posix.relative(source, target);
    const found = await problems(file, `import * as m from '${specifier.startsWith('.') ? specifier : `./${specifier}`}';\nexport const x = m;\n`);
    expect(found.join('\n')).toContain(rule);
  });

  it('refuses a type-only import across a never rule too', async () => {
    const found = await problems('runtime/spells/x.ts', "import type { Supervisor } from '../host/supervisor';\nexport type X = Supervisor;\n");
    expect(found.join('\n')).toContain('never Spells -> Host');
  });

  it('allows what the rule allows', async () => {
    expect(await problems('runtime/host/x.ts', "import { RunLimits } from '../contract/limits';\nexport const x = RunLimits;\n")).toEqual([]);
    expect(await problems('electron/main/x.ts', "import { app } from 'electron';\nimport { Supervisor } from '../../runtime/host/supervisor';\nexport const x = [app, Supervisor];\n")).toEqual([]);
    expect(await problems('runtime/services/x.ts', "import { Supervisor } from '../host/supervisor';\nimport { runWorkflow } from '../workflows/executor/run-workflow';\nexport const x = [Supervisor, runWorkflow];\n")).toEqual([]);
    expect(await problems('runtime/tools/x.ts', "import { storageOf } from '../security/run-capabilities';\nexport const x = storageOf;\n")).toEqual([]);
    expect(await problems('runtime/security/x.ts', "import { BridgeError } from '../contract/error-codes';\nexport const x = BridgeError;\n")).toEqual([]);
  });
});
