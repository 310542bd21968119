import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../helpers/cli';
import { closeStudio, startStudio, StudioTestClient, type StudioProcess } from '../helpers/studio';

const ws = tempWorkspace('llmspell-studio-library-');
const home = path.join(ws.dir, 'home');
const project = path.join(ws.dir, 'project');
const spells = path.join(project, 'spells');
let studio: StudioProcess;
let client: StudioTestClient;

function writeSpell(name: string, files: Record<string, string>): string {
  const dir = path.join(spells, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

beforeAll(async () => {
  writeSpell('greeter', {
    'spell.yaml': 'name: greeter\nversion: 1.0.0\ndescription: Says hello politely\nengine: lua\nentry: main.lua\ntags: [example, text]\nparameters:\n  - name: name\n    type: string\n    default: world\n',
    // Opening must never run this: it would leave a file behind through storage.
    'main.lua': 'storage.write("opened.txt", "ran")\nprint("Hello, " .. params.name)\n',
    'lib/util.lua': 'return {}\n',
  });
  writeSpell('summarizer', {
    'spell.yaml': 'name: summarizer\nversion: 0.2.0\ndescription: Summarizes text\nengine: lua\nentry: main.lua\ntags: [llm, text]\n',
    'main.lua': 'print("sum")\n',
  });
  studio = await startStudio({ home, cwd: project });
  client = await StudioTestClient.connect(studio);
});

afterAll(async () => {
  await closeStudio(studio, client);
  ws.cleanup();
});

describe('studio library', () => {
  it('lists, searches and filters by tag', async () => {
    const all = await client.call('library.list', {});
    expect(all.map((s) => s.name)).toEqual(['greeter', 'summarizer']);
    expect(all[0]).toMatchObject({ engine: 'lua', version: '1.0.0', tags: ['example', 'text'], path: path.join(spells, 'greeter') });
    expect(all[0]!.parameters).toEqual([expect.objectContaining({ name: 'name', type: 'string' })]);
    expect((await client.call('library.list', { text: 'politely' })).map((s) => s.name)).toEqual(['greeter']);
    expect((await client.call('library.list', { tag: 'llm' })).map((s) => s.name)).toEqual(['summarizer']);
    expect(await client.call('library.tags', {})).toEqual([
      { tag: 'text', count: 2 },
      { tag: 'example', count: 1 },
      { tag: 'llm', count: 1 },
    ]);
  });

  it('opens a spell’s files without running it', async () => {
    const opened = await client.call('library.open', { path: path.join(spells, 'greeter') });
    expect(opened.files.map((f) => f.name)).toEqual(['spell.yaml', 'main.lua', 'lib/util.lua']);
    expect(opened.files[1]!.content).toContain('storage.write');
    expect(await client.call('runs.history', {})).toEqual([]);
    expect(client.events).toEqual([]);
    expect(existsSync(path.join(home, 'storage'))).toBe(false);
    await expect(client.call('library.open', { path: '/etc' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('creates from a template, duplicates and renames in the user library', async () => {
    const created = await client.call('library.create', { name: 'my-chat', template: 'chat', engine: 'lua' });
    expect(created).toMatchObject({ name: 'my-chat', path: path.join(home, 'spells', 'my-chat'), tags: ['llm', 'chat'] });
    await expect(client.call('library.create', { name: 'my-chat', template: 'basic', engine: 'lua' })).rejects.toMatchObject({ code: 'exists' });
    await expect(client.call('library.create', { name: 'Bad Name', template: 'basic', engine: 'lua' })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/^name: /) });

    const copy = await client.call('library.duplicate', { path: path.join(spells, 'greeter'), name: 'greeter-copy' });
    expect(copy).toMatchObject({ name: 'greeter-copy', path: path.join(home, 'spells', 'greeter-copy'), description: 'Says hello politely' });
    expect(readFileSync(path.join(copy.path, 'lib', 'util.lua'), 'utf8')).toBe('return {}\n');

    const renamed = await client.call('library.rename', { path: copy.path, name: 'greeter-two' });
    expect(renamed).toMatchObject({ name: 'greeter-two', path: path.join(home, 'spells', 'greeter-two') });
    expect(readFileSync(path.join(renamed.path, 'spell.yaml'), 'utf8')).toMatch(/^name: greeter-two$/m);
    expect(existsSync(copy.path)).toBe(false);
  });

  it('moves a deleted spell to the trash and restores it intact', async () => {
    const target = writeSpell('doomed', { 'main.lua': '-- doomed: to be deleted\nprint(1)\n' });
    const { trashId } = await client.call('library.delete', { path: target });
    expect(existsSync(target)).toBe(false);
    expect((await client.call('library.list', {})).map((s) => s.name)).not.toContain('doomed');
    const trash = await client.call('library.trash', {});
    expect(trash).toEqual([expect.objectContaining({ trashId, name: 'doomed' })]);
    await expect(client.call('library.restore', { trashId: '../../etc' })).rejects.toMatchObject({ code: 'bad_input' });
    const restored = await client.call('library.restore', { trashId });
    expect(restored).toMatchObject({ name: 'doomed', path: target, description: 'doomed: to be deleted' });
    expect(readFileSync(path.join(target, 'main.lua'), 'utf8')).toBe('-- doomed: to be deleted\nprint(1)\n');
    expect(await client.call('library.trash', {})).toEqual([]);
  });

  it('saves atomically and refuses a stale save or a path outside the spell', async () => {
    const spell = path.join(spells, 'summarizer');
    const opened = await client.call('library.open', { path: spell });
    const main = opened.files.find((f) => f.name === 'main.lua')!;
    const { mtime } = await client.call('files.save', { path: spell, file: 'main.lua', content: 'print("v2")\n', baseMtime: main.mtime });
    expect(readFileSync(path.join(spell, 'main.lua'), 'utf8')).toBe('print("v2")\n');
    expect(mtime).toBe(statSync(path.join(spell, 'main.lua')).mtimeMs);
    // Saving again from the first version is stale: someone else's change (ours) would be lost.
    await expect(client.call('files.save', { path: spell, file: 'main.lua', content: 'print("old")\n', baseMtime: main.mtime })).rejects.toMatchObject({ code: 'stale' });
    // An edit on disk makes the editor's mtime stale too.
    writeFileSync(path.join(spell, 'main.lua'), 'print("outside")\n');
    utimesSync(path.join(spell, 'main.lua'), new Date(), new Date(Date.now() + 5000));
    await expect(client.call('files.save', { path: spell, file: 'main.lua', content: 'x', baseMtime: mtime })).rejects.toMatchObject({ code: 'stale' });
    expect(readFileSync(path.join(spell, 'main.lua'), 'utf8')).toBe('print("outside")\n');
    // New files in sub-folders are fine; escaping the spell is not.
    await client.call('files.save', { path: spell, file: 'lib/new.lua', content: 'return 1\n' });
    expect(readFileSync(path.join(spell, 'lib', 'new.lua'), 'utf8')).toBe('return 1\n');
    for (const file of ['../greeter/main.lua', '/etc/passwd', '.git/config', 'lib/../../x.lua']) {
      await expect(client.call('files.save', { path: spell, file, content: 'x' })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/^file: /) });
    }
    expect(existsSync(path.join(spells, 'x.lua'))).toBe(false);
    // A link inside the spell cannot lead a write outside it.
    symlinkSync(ws.dir, path.join(spell, 'escape'));
    await expect(client.call('files.save', { path: spell, file: 'escape/evil.lua', content: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(existsSync(path.join(ws.dir, 'evil.lua'))).toBe(false);
    // No temporary file is left behind.
    expect(readdirSync(spell).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('keeps recovery copies until discarded', async () => {
    const spell = path.join(spells, 'greeter');
    await client.call('files.saveRecovery', { path: spell, file: 'main.lua', content: 'print("unsaved")\n' });
    await client.call('files.saveRecovery', { path: spell, file: 'lib/util.lua', content: 'return { unsaved = true }\n' });
    const copies = await client.call('files.recovery', { path: spell });
    expect(copies.map((c) => [c.file, c.content])).toEqual([
      ['lib/util.lua', 'return { unsaved = true }\n'],
      ['main.lua', 'print("unsaved")\n'],
    ]);
    await client.call('files.discardRecovery', { path: spell, file: 'main.lua' });
    expect((await client.call('files.recovery', { path: spell })).map((c) => c.file)).toEqual(['lib/util.lua']);
    expect(readFileSync(path.join(spell, 'main.lua'), 'utf8')).toContain('storage.write');
  });

  it('diagnoses Lua syntax and spell.yaml problems at their line without running anything', async () => {
    const spell = path.join(spells, 'greeter');
    expect(await client.call('files.diagnose', { path: spell, file: 'main.lua', content: 'print("ok")\n' })).toEqual([]);
    const lua = await client.call('files.diagnose', { path: spell, file: 'main.lua', content: 'print("ok")\nlocal = 3\n' });
    expect(lua).toEqual([expect.objectContaining({ file: 'main.lua', line: 2, severity: 'error', message: expect.stringContaining("near '='") })]);
    // Compiling never executes: an os.exit or an endless loop in the text is harmless here.
    expect(await client.call('files.diagnose', { path: spell, file: 'main.lua', content: 'while true do end\n' })).toEqual([]);
    const yaml = await client.call('files.diagnose', {
      path: spell,
      file: 'spell.yaml',
      content: 'name: greeter\nversion: one\ndescription: x\nengine: lua\nentry: main.lua\n',
    });
    expect(yaml).toEqual([expect.objectContaining({ file: 'spell.yaml', line: 2, message: expect.stringContaining('version') })]);
    expect(await client.call('files.diagnose', { path: spell, file: 'README.md', content: '# hi' })).toEqual([]);
  });

  it('creates a Tengo spell and diagnoses Tengo with our parser, at line and column, running nothing', async () => {
    const created = await client.call('library.create', { name: 'tengo-made', template: 'basic', engine: 'tengo' });
    expect(created.engine).toBe('tengo');
    const opened = await client.call('library.open', { path: created.path });
    expect(opened.files.map((f) => f.name)).toEqual(expect.arrayContaining(['main.tengo', 'tests/tengo-made.test.tengo']));
    const spell = created.path;
    expect(await client.call('files.diagnose', { path: spell, file: 'main.tengo', content: 'fmt := import("fmt")\nfmt.println("ok")\n' })).toEqual([]);
    const parse = await client.call('files.diagnose', { path: spell, file: 'main.tengo', content: 'fmt := import("fmt")\nx := [1, 2\n' });
    expect(parse).toEqual([{ file: 'main.tengo', line: 3, column: 1, severity: 'error', message: "Parse Error: expected ']', found EOF" }]);
    const os = await client.call('files.diagnose', { path: spell, file: 'main.tengo', content: 'os := import("os")\n' });
    expect(os).toEqual([expect.objectContaining({ line: 1, column: 7, message: "Compile Error: module 'os' not found" })]);
    const unresolved = await client.call('files.diagnose', { path: spell, file: 'main.tengo', content: 'x := 1\ny = nope\n' });
    expect(unresolved).toEqual([expect.objectContaining({ line: 2, column: 5, message: "Compile Error: unresolved reference 'nope'" })]);
    // Compiling never runs: an endless loop in the text is harmless here.
    expect(await client.call('files.diagnose', { path: spell, file: 'main.tengo', content: 'for {}\n' })).toEqual([]);
  });

  it('tells connected windows when the library changes', async () => {
    const other = await StudioTestClient.connect(studio);
    await client.call('library.create', { name: 'watched', template: 'basic', engine: 'lua' });
    await other.until(() => other.libraryReasons.includes('created'));
    writeSpell('from-outside', { 'main.lua': 'print(1)\n' });
    await other.until(() => other.libraryReasons.includes('changed on disk'), 8000);
    await other.close();
  });
});
