import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SpellLibrary } from '../../../runtime/spells/library/spell-library';
import { ManifestError } from '../../../runtime/spells/manifest-problems';
import { ParamsError } from '../../../runtime/spells/parameters';
import { prepareRun } from '../../../runtime/spells/prepare-run';
import { resolveSpell, SpellNotFound } from '../../../runtime/spells/resolve-spell';
import { makeTempDir, type TempDir } from './temp-dir';

describe('prepareRun', () => {
  let dir: TempDir;
  let library: () => SpellLibrary;

  beforeEach(() => {
    dir = makeTempDir('llmspell-prepare-');
    dir.write('lib/renamed-folder/spell.yaml', 'name: real-name\nversion: 1.0.0\nentry: src/app.lua\nparameters:\n  n:\n    type: integer\n    default: 1\n');
    dir.write('lib/renamed-folder/src/app.lua', 'print(params.n)\n');
    library = () => new SpellLibrary([{ path: dir.path('lib'), origin: 'config' }]);
  });
  afterEach(() => dir.cleanup());

  it('finds a spell by its manifest name in the library, with its entry and typed params', () => {
    const { spell, params } = prepareRun('real-name', { cwd: dir.root, pairs: ['n=4'], library });
    expect(spell).toMatchObject({ name: 'real-name', engine: 'lua', dir: dir.path('lib/renamed-folder'), entryPath: dir.path('lib/renamed-folder/src/app.lua') });
    expect(spell.source).toEqual({ engine: 'lua', fileName: 'renamed-folder/src/app.lua', code: 'print(params.n)\n' });
    expect(params).toEqual({ n: 4 });
  });

  it('prefers a path that exists over a library name', () => {
    dir.write('real-name.lua', 'print("the file")\n');
    expect(prepareRun('real-name.lua', { cwd: dir.root, library }).spell.entryPath).toBe(dir.path('real-name.lua'));
    dir.write('real-name/main.lua', 'print("the folder")\n');
    expect(prepareRun('real-name', { cwd: dir.root, library }).spell.entryPath).toBe(dir.path('real-name/main.lua'));
  });

  it('says what is wrong: unknown name, missing entry, invalid manifest, bad params; Tengo spells resolve', () => {
    expect(() => prepareRun('nope', { cwd: dir.root, library })).toThrow(SpellNotFound);
    expect(() => prepareRun('nope', { cwd: dir.root, library })).toThrow(/no spell named nope: .*lib/);
    dir.write('no-entry/spell.yaml', 'name: no-entry\nversion: 1.0.0\n');
    expect(() => resolveSpell('no-entry', dir.root)).toThrow('no-entry/spell.yaml: the entry file main.lua does not exist');
    dir.write('bad/spell.yaml', 'name: bad\nversion: 1\n');
    expect(() => resolveSpell('bad', dir.root)).toThrow(ManifestError);
    expect(() => prepareRun('real-name', { cwd: dir.root, pairs: ['n=x'], library })).toThrow(ParamsError);
    dir.write('tengo/spell.yaml', 'name: tengo\nversion: 1.0.0\nengine: tengo\n');
    dir.write('tengo/main.tengo', '');
    expect(resolveSpell('tengo', dir.root).source).toMatchObject({ engine: 'tengo', fileName: 'tengo/main.tengo' });
    dir.write('empty/README.md', '');
    expect(() => resolveSpell('empty', dir.root)).toThrow('empty is a folder without spell.yaml, main.lua, main.js or main.tengo');
  });
});
