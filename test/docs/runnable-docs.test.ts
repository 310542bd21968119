/**
 * Every code block of docs/*.md marked `runnable` runs against the real CLI on the mock LLM, in one
 * folder per page (blocks of a page build on each other), so the docs cannot drift from the code.
 * See doc-blocks.ts for the markers.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { ROOT, runCli, tempWorkspace } from '../helpers/cli';
import { extensionOf, runnableBlocks, shellWords } from './doc-blocks';

const DOCS = path.join(ROOT, 'docs');
const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort();
const ws = tempWorkspace('llmspell-docs-');
afterAll(() => ws.cleanup());

// Pages are independent (a folder each): run them side by side.
describe.concurrent('runnable docs', () => {
  it('has runnable examples on the tutorial and cookbook pages', ({ expect }) => {
    const counted = pages.filter((p) => runnableBlocks(readFileSync(path.join(DOCS, p), 'utf8')).length > 0);
    expect(counted).toEqual(expect.arrayContaining(['cookbook.md', 'tutorial-first-spell-lua.md', 'tutorial-first-spell-js.md', 'tutorial-first-spell-tengo.md']));
  });

  for (const page of pages) {
    const blocks = runnableBlocks(readFileSync(path.join(DOCS, page), 'utf8'));
    if (blocks.length === 0) continue;
    it(`${page}: ${blocks.length} runnable block${blocks.length === 1 ? '' : 's'}`, async ({ expect }) => {
      const dir = path.join(ws.dir, page.replace(/\.md$/, ''));
      const home = path.join(dir, '.home');
      mkdirSync(home, { recursive: true });
      const env = { HOME: dir, LLMSPELL_HOME: home };
      let n = 0;
      for (const block of blocks) {
        const where = `docs/${page}:${block.line}`;
        let output = '';
        let code: number | null = 0;
        if (block.lang === 'sh') {
          for (const line of block.code.split('\n').map((l) => l.replace(/^\$\s*/, '').trim())) {
            if (!line.startsWith('llmspell ')) continue;
            const r = await runCli(shellWords(line).slice(1), { cwd: dir, env, timeoutMs: 60_000 });
            output += r.stdout + r.stderr;
            code = code || r.code;
            if (!block.fails) expect(r.code, `${where}: ${line}\n${r.stdout}${r.stderr}`).toBe(0);
          }
        } else {
          const ext = extensionOf(block.lang);
          const file = block.file ?? `snippet-${++n}.${ext ?? 'txt'}`;
          mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
          writeFileSync(path.join(dir, file), block.code);
          if (block.writeOnly) continue;
          expect(ext, `${where}: a runnable ${block.lang} block cannot be run; mark it write-only`).toBeDefined();
          const r = await runCli(['run', file], { cwd: dir, env, timeoutMs: 60_000 });
          output = r.stdout + r.stderr;
          code = r.code;
        }
        if (block.fails) expect(code, `${where}: expected a failure\n${output}`).not.toBe(0);
        else expect(code, `${where}\n${output}`).toBe(0);
        for (const line of block.expect) expect(output, `${where}: output`).toContain(line);
      }
    }, 180_000);
  }
});
