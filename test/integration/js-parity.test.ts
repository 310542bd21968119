/**
 * JavaScript spells: ES modules of the spell folder (and nothing outside it), setInterval /
 * clearInterval and queueMicrotask, through the real CLI.
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
});
