import { mkdirSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { libraryFolders } from '../../../runtime/spells/library/library-folders';
import { SpellLibrary } from '../../../runtime/spells/library/spell-library';
import { makeTempDir, type TempDir } from './temp-dir';

const manifest = (name: string, extra = '') => `name: ${name}\nversion: 1.0.0\ndescription: ${name} does things\n${extra}`;

describe('spell library', () => {
  let dir: TempDir;
  let library: SpellLibrary;

  beforeEach(() => {
    dir = makeTempDir('llmspell-library-');
    dir.write('project/spells/summarize/spell.yaml', manifest('summarize', 'tags: [llm, writing]\nparameters:\n  - name: text\n    required: true\n'));
    dir.write('project/spells/summarize/main.lua', 'print(params.text)\n');
    dir.write('project/spells/translate/spell.yaml', manifest('translate', 'description: Translates text between languages\ntags: [llm]\n').replace(/description: translate does things\n/, ''));
    dir.write('project/spells/translate/main.lua', '');
    dir.write('project/spells/plain/main.lua', '-- plain: a spell without a manifest\nprint("hi")\n');
    dir.write('project/spells/script.lua', '-- a single-file spell\n');
    dir.write('project/spells/js-thing/main.js', '// a JavaScript spell\n');
    dir.write('project/spells/broken/spell.yaml', 'name: Broken\nversion: one\n');
    dir.write('project/spells/notes/README.md', 'not a spell');
    dir.write('project/spells/.hidden/main.lua', '');
    dir.write('project/spells/node_modules/x/main.lua', '');
    dir.write('extra/review/spell.yaml', manifest('review', 'tags: [code]\n'));
    dir.write('home/spells/summarize/spell.yaml', manifest('summarize', 'tags: [installed]\n'));
    dir.write('home/spells/installed-only/spell.yaml', manifest('installed-only'));
    library = new SpellLibrary(libraryFolders({ cwd: dir.path('project'), home: dir.path('home'), extra: ['../extra', '../missing'] }));
  });
  afterEach(() => dir.cleanup());

  it('finds the folders in precedence order: project, config, home', () => {
    expect(library.folders.map((f) => [path.relative(dir.root, f.path), f.origin])).toEqual([
      ['project/spells', 'project'],
      ['extra', 'config'],
      ['missing', 'config'],
      ['home/spells', 'home'],
    ]);
  });

  it('indexes folders with a manifest, main.lua or main.js, and single .lua files', () => {
    const entries = library.entries().map((e) => [e.name, e.version, e.engine, e.hasManifest, path.relative(dir.root, e.path)]);
    expect(entries).toEqual([
      ['broken', '0.0.0', 'lua', true, 'project/spells/broken'],
      ['js-thing', '0.0.0', 'javascript', false, 'project/spells/js-thing'],
      ['plain', '0.0.0', 'lua', false, 'project/spells/plain'],
      ['script', '0.0.0', 'lua', false, 'project/spells/script.lua'],
      ['summarize', '1.0.0', 'lua', true, 'project/spells/summarize'],
      ['translate', '1.0.0', 'lua', true, 'project/spells/translate'],
      ['review', '1.0.0', 'lua', true, 'extra/review'],
      ['installed-only', '1.0.0', 'lua', true, 'home/spells/installed-only'],
      ['summarize', '1.0.0', 'lua', true, 'home/spells/summarize'],
    ]);
    const summarize = library.find('summarize')!;
    expect(summarize).toMatchObject({ description: 'summarize does things', tags: ['llm', 'writing'], folder: dir.path('project/spells') });
    expect(summarize.parameters).toEqual([{ name: 'text', type: 'string', description: '', required: true }]);
    expect(library.find('plain')?.description).toBe('plain: a spell without a manifest');
  });

  it('lists a spell with an invalid manifest, with its problems', () => {
    const broken = library.find('broken')!;
    expect(broken.problems).toEqual([
      'broken/spell.yaml:1: name: expected a kebab-case name like "my-spell", got "Broken"',
      'broken/spell.yaml:2: version: expected a semantic version like "1.0.0", got "one"',
    ]);
  });

  it('searches by words and tag, best match first', () => {
    const names = (query: Parameters<SpellLibrary['search']>[0]) => library.search(query).map((e) => `${e.name}@${path.relative(dir.root, e.folder)}`);
    expect(names({ text: 'translate' })).toEqual(['translate@project/spells']);
    expect(names({ text: 'TEXT languages' })).toEqual(['translate@project/spells']);
    expect(names({ tag: 'llm' })).toEqual(['summarize@project/spells', 'translate@project/spells']);
    expect(names({ text: 'summarize', tag: 'installed' })).toEqual(['summarize@home/spells']);
    expect(names({ text: 'does things' })[0]).toBe('installed-only@home/spells');
    expect(names({ text: 'nothing matches this' })).toEqual([]);
  });

  it('refreshes on added, changed and removed spells, re-reading only what changed', () => {
    library.refresh();
    expect(library.refresh()).toBe(false);
    const before = library.find('review');

    dir.write('extra/new-one/spell.yaml', manifest('new-one'));
    const file = dir.write('project/spells/translate/spell.yaml', manifest('translate', 'tags: [changed]\n'));
    utimesSync(file, new Date(), new Date(Date.now() + 2000));
    rmSync(dir.path('project/spells/plain'), { recursive: true });

    expect(library.refresh()).toBe(true);
    expect(library.find('new-one')?.path).toBe(dir.path('extra/new-one'));
    expect(library.find('translate')?.tags).toEqual(['changed']);
    expect(library.find('plain')).toBeUndefined();
    expect(library.find('review')).toBe(before);
  });

  it('follows a symlinked spell folder one level', () => {
    mkdirSync(dir.path('elsewhere'));
    dir.write('elsewhere/linked/spell.yaml', manifest('linked'));
    symlinkSync(dir.path('elsewhere/linked'), dir.path('project/spells/linked'));
    library.refresh();
    expect(library.find('linked')?.path).toBe(dir.path('project/spells/linked'));
  });

  it('indexes a few thousand spells', () => {
    for (let i = 0; i < 2000; i++) dir.write(`many/spell-${i}/spell.yaml`, manifest(`spell-${i}`, `tags: [t${i % 10}]\n`));
    const many = new SpellLibrary([{ path: dir.path('many'), origin: 'config' }]);
    expect(many.entries()).toHaveLength(2000);
    expect(many.search({ tag: 't3' })).toHaveLength(200);
    expect(many.search({ text: 'spell-1999' })[0]?.name).toBe('spell-1999');
  });
});
