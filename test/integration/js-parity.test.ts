/**
 * JavaScript spells: ES modules of the spell folder (and nothing outside it), setInterval /
 * clearInterval and queueMicrotask, and the workflow API Lua has (sequential, parallel, conditional,
 * loop, run_file), through the real CLI.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace('llmspell-jsparity-');
afterAll(() => ws.cleanup());

function folder(name: string, files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(ws.dir, name, file)), { recursive: true });
    ws.write(path.join(name, file), text);
  }
  return path.join(ws.dir, name);
}
const run = (target: string) => runCli(['run', target], { cwd: ws.dir, env: { HOME: ws.dir } });

describe('JavaScript spells', () => {
  it('import modules of their own folder, relative to the importing file, and nothing else', async () => {
    ws.write('outside.js', 'export const secret = 1;\n');
    const dir = folder('modular', {
      'main.js': [
        'import { shout } from "./lib/util.js";',
        'import data from "./lib/data.mjs";',
        'export default async function main() {',
        '  console.log(shout("hi"), data.n);',
        '  for (const bad of ["../outside.js", "./lib/../../outside.js", "fs", "/etc/passwd", "./missing.js"]) {',
        '    await import(bad).then(() => console.log("imported " + bad), (e) => console.log(e.message));',
        '  }',
        '  return { ok: true };',
        '}',
      ].join('\n'),
      'lib/util.js': 'import { suffix } from "../lib/deep/suffix.js";\nexport const shout = (s) => s.toUpperCase() + suffix;\n',
      'lib/deep/suffix.js': 'export const suffix = "!";\n',
      'lib/data.mjs': 'export default { n: 7 };\n',
    });
    const result = await run(dir);
    expect(result.stdout).toBe(
      [
        'HI! 7',
        "cannot import '../outside.js': it leaves the spell folder",
        "cannot import './lib/../../outside.js': it leaves the spell folder",
        "cannot import 'fs': a spell imports only its own files, with a path like './util.js'",
        "cannot import '/etc/passwd': a spell imports only its own files, with a path like './util.js'",
        "cannot import 'modular/missing.js': not a JavaScript file of the spell folder",
        '{\n  "ok": true\n}',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
  });

  it('have setInterval / clearInterval and queueMicrotask', async () => {
    const file = ws.write(
      'timers.js',
      [
        'export default async function main() {',
        '  const order = [];',
        '  let n = 0;',
        '  await new Promise((resolve) => { const id = setInterval((step) => { n += step; if (n === 3) { clearInterval(id); resolve(); } }, 5, 1); });',
        '  setTimeout(() => order.push("timer"), 0);',
        '  queueMicrotask(() => order.push("microtask"));',
        '  order.push("sync");',
        '  await new Promise((r) => setTimeout(r, 20));',
        '  console.log(n, order.join(","));',
        '  queueMicrotask(() => { throw new Error("broken microtask"); });',
        '}',
      ].join('\n'),
    );
    const result = await run(file);
    expect(result.stdout).toBe('3 sync,microtask,timer\n');
    expect(result.stderr).toContain('broken microtask');
    expect(result.code).toBe(1);
  });

  it('have the workflow patterns and workflow files, as Lua does', async () => {
    ws.write(
      'flow.workflow.yaml',
      [
        'name: tiny',
        'version: 1.0.0',
        'inputs:',
        '  text: { type: string }',
        'outputs:',
        '  said: { type: string }',
        'nodes:',
        '  - { id: text, type: input, config: { name: text, type: string } }',
        '  - { id: up, type: transform, config: { template: "got {{input}}" } }',
        '  - { id: said, type: output, config: { name: said, type: string } }',
        'edges:',
        '  - { from: text, to: up }',
        '  - { from: up, to: said }',
        '',
      ].join('\n'),
    );
    const file = ws.write(
      'flows.js',
      [
        'export default async function main() {',
        "  const seq = workflow.sequential({ name: 'seq', steps: [(x) => x + 1, async (x) => x * 10, workflow.sequential({ steps: [(x) => x - 1] })] });",
        "  console.log('sequential', await seq.run(1), seq.kind, seq.name);",
        "  const cond = workflow.conditional({ condition: (x) => x > 5, branches: { true: () => 'big', false: () => 'small' } });",
        "  console.log('conditional', await cond.run(9), await cond.run(1));",
        "  console.log('loop count', await workflow.loop({ step: (x) => x * 2, count: 3 }).run(1));",
        "  console.log('loop forEach', JSON.stringify(await workflow.loop({ step: async (x) => x.toUpperCase(), forEach: true }).run(['a', 'b'])));",
        "  console.log('loop until', await workflow.loop({ step: (x) => x + 1, until: (x) => x >= 4 }).run(0));",
        '  await workflow.loop({ step: (x) => x, while: () => true, maxIterations: 2 }).run(0).catch((e) => console.log(e.message));',
        "  await workflow.sequential({ name: 'bad', steps: [() => { throw new Error('boom'); }] }).run().catch((e) => console.log(e.message));",
        "  console.log('parallel', JSON.stringify(await workflow.parallel([() => 1, async () => 2])));",
        "  console.log('file', JSON.stringify(await workflow.runFile('flow.workflow.yaml', { text: 'hi' })));",
        '}',
      ].join('\n'),
    );
    const result = await run(file);
    expect(result.stdout).toBe(
      [
        'sequential 19 sequential seq',
        'conditional big small',
        'loop count 8',
        'loop forEach ["A","B"]',
        'loop until 4',
        "workflow 'loop': reached maxIterations (2) before the loop's condition ended it",
        "workflow 'bad': step 'step 1' failed: boom",
        'parallel [1,2]',
        'file {"said":"got hi"}',
        '',
      ].join('\n'),
    );
    const lua = ws.write('flows.lua', 'print(json.encode(workflow.run_file("flow.workflow.yaml", { text = "lua" })))\n');
    expect((await run(lua)).stdout).toBe('{"said":"got lua"}\n');
  });

  it('see the built-in agents, as Lua spells do', async () => {
    const file = ws.write(
      'builtin-agents.js',
      [
        'export default async function main() {',
        '  console.log(agents.list().join(","));',
        '  console.log(agents.get("researcher").getTools().join(","));',
        '  console.log(await agents.execute("summarizer", "hello there"));',
        '}',
      ].join('\n'),
    );
    const result = await runCli(['run', file], { cwd: ws.dir, env: { HOME: ws.dir, MOCK_LLM: 'true' } });
    expect(result.stdout).toBe("json_extractor,researcher,summarizer\nweb_fetch,calculator\n[Mock LLM Response] I received your prompt: 'hello there'\n");
  });
});
