import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultDocsDir, docsService } from '../../../runtime/studio/docs-service';
import { ROOT, tempWorkspace } from '../../helpers/cli';

const ws = tempWorkspace('llmspell-docs-service-');
afterAll(() => ws.cleanup());

describe('docs service (Help panel)', () => {
  it("lists this package's docs, the index first, each with its title", async () => {
    expect(defaultDocsDir()).toBe(path.join(ROOT, 'docs'));
    const list = await docsService()['docs.list']({});
    expect(list[0]).toEqual({ name: 'README.md', title: 'llmspell studio docs' });
    expect(list.slice(1, 4).map((d) => d.name)).toEqual(['tutorial-first-spell-lua.md', 'tutorial-first-spell-js.md', 'tutorial-first-spell-tengo.md']);
    expect(list).toEqual(expect.arrayContaining([{ name: 'cookbook.md', title: 'Cookbook' }, { name: 'cli-reference.md', title: 'CLI reference' }]));
  });

  it('reads a page by name and refuses anything that is not a listed page', async () => {
    const dir = path.join(ws.dir, 'docs');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'guide.md'), '# A guide\n\nText.\n');
    writeFileSync(path.join(dir, '.secret.md'), '# hidden\n');
    writeFileSync(path.join(dir, 'notes.txt'), 'not markdown');
    writeFileSync(path.join(ws.dir, 'outside.md'), '# outside\n');
    const docs = docsService(dir);
    expect(await docs['docs.list']({})).toEqual([{ name: 'guide.md', title: 'A guide' }]);
    expect(await docs['docs.read']({ name: 'guide.md' })).toEqual({ name: 'guide.md', title: 'A guide', markdown: '# A guide\n\nText.\n' });
    for (const name of ['../outside.md', '.secret.md', 'notes.txt', 'missing.md', '/etc/passwd', 'guide.md/..']) {
      expect(() => docs['docs.read']({ name }), name).toThrow(expect.objectContaining({ code: 'not_found' }));
    }
  });
});
