import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';

/** The dependency rule of shared/DESIGN.md, proven to bite: each case is a forbidden import. */
const eslint = new ESLint({ cwd: ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

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

  it('allows what the rule allows', async () => {
    expect(await problems('runtime/host/x.ts', "import { RunLimits } from '../contract/limits';\nexport const x = RunLimits;\n")).toEqual([]);
    expect(await problems('electron/main/x.ts', "import { app } from 'electron';\nimport { Supervisor } from '../../runtime/host/supervisor';\nexport const x = [app, Supervisor];\n")).toEqual([]);
  });
});
