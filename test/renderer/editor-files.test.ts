import { describe, expect, it } from 'vitest';
import { fromOpened, isDirty, languageOf, loadFromDisk, markSaved, recoveryOffers, resolveFileName, setDraft, staleRecoveries } from '../../renderer/state/editor-files';

const opened = [
  { name: 'README.md', content: '# hi', mtime: 1 },
  { name: 'tests/a.test.lua', content: 't', mtime: 1 },
  { name: 'spell.yaml', content: 'name: a', mtime: 1 },
  { name: 'main.lua', content: 'print(1)', mtime: 1 },
];

describe('editor files', () => {
  it('orders tabs: the source, then spell.yaml, README, the rest', () => {
    expect(fromOpened(opened, 'lua').map((f) => f.name)).toEqual(['main.lua', 'spell.yaml', 'README.md', 'tests/a.test.lua']);
  });

  it('tracks drafts against the saved text', () => {
    let files = fromOpened(opened, 'lua');
    expect(files.some(isDirty)).toBe(false);
    files = setDraft(files, 'main.lua', 'print(2)');
    expect(files.find((f) => f.name === 'main.lua')!.draft).toBe('print(2)');
    expect(files.filter(isDirty).map((f) => f.name)).toEqual(['main.lua']);
    files = markSaved(files, 'main.lua', 'print(2)', 5);
    expect(files.some(isDirty)).toBe(false);
    expect(files.find((f) => f.name === 'main.lua')!.mtime).toBe(5);
  });

  it('keeps a newer draft dirty when an older content is saved', () => {
    let files = setDraft(fromOpened(opened, 'lua'), 'main.lua', 'v2');
    files = setDraft(files, 'main.lua', 'v3');
    files = markSaved(files, 'main.lua', 'v2', 9);
    expect(isDirty(files.find((f) => f.name === 'main.lua')!)).toBe(true);
  });

  it('loads the disk version over a draft', () => {
    const files = loadFromDisk(setDraft(fromOpened(opened, 'lua'), 'main.lua', 'mine'), 'main.lua', 'theirs', 7);
    expect(files.find((f) => f.name === 'main.lua')).toEqual({ name: 'main.lua', saved: 'theirs', draft: 'theirs', mtime: 7 });
  });

  it('offers recovery copies that differ from the disk, and finds the stale ones', () => {
    const files = fromOpened(opened, 'lua');
    const copies = [
      { file: 'main.lua', content: 'print("unsaved")', savedAt: 3 },
      { file: 'spell.yaml', content: 'name: a', savedAt: 3 },
      { file: 'gone.lua', content: 'x', savedAt: 3 },
    ];
    expect(recoveryOffers(files, copies).map((c) => c.file)).toEqual(['main.lua']);
    expect(staleRecoveries(files, copies).map((c) => c.file)).toEqual(['spell.yaml']);
  });

  it('resolves file references from errors to open files', () => {
    const names = ['main.lua', 'lib/util.lua'];
    expect(resolveFileName(names, 'main.lua')).toBe('main.lua');
    expect(resolveFileName(names, '/home/u/spells/x/lib/util.lua')).toBe('lib/util.lua');
    expect(resolveFileName(names, 'util.lua')).toBe('lib/util.lua');
    expect(resolveFileName(names, 'other.lua')).toBeUndefined();
  });

  it('picks the editor language by extension', () => {
    expect(['a.lua', 'a.js', 'a.mjs', 'spell.yaml', 'x.yml', 'README.md', 'a.ts', 'LICENSE'].map(languageOf)).toEqual([
      'lua',
      'javascript',
      'javascript',
      'yaml',
      'yaml',
      'markdown',
      'typescript',
      'plaintext',
    ]);
  });
});
