import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEMP_PREFIX } from '../../../runtime/security/atomic-write';
import { StorageJail } from '../../../runtime/security/storage-jail';
import { tempFolder } from '../../helpers/bridge-context';

const LIMITS = { max_bytes: 1024, extensions: ['.txt', '.json', '.md'] };
let home: ReturnType<typeof tempFolder>;
let jail: StorageJail;
let root: string;

beforeEach(() => {
  home = tempFolder();
  root = join(home.path, 'storage');
  jail = new StorageJail(root, LIMITS);
});
afterEach(() => home.remove());

describe('StorageJail paths', () => {
  it('creates the root on demand and round-trips files in folders', async () => {
    expect(existsSync(root)).toBe(false);
    await jail.write('notes/day/one.txt', 'hello');
    expect(readFileSync(join(root, 'notes/day/one.txt'), 'utf8')).toBe('hello');
    expect(await jail.read('notes/day/one.txt')).toBe('hello');
    expect(await jail.read('./notes//day/one.txt')).toBe('hello');
    expect(await jail.exists('notes/day/one.txt')).toBe(true);
    expect(await jail.exists('notes/day/two.txt')).toBe(false);
    expect(await jail.exists('nowhere/two.txt')).toBe(false);
  });

  it.each([
    ['../x.txt', "storage: path '../x.txt' leaves the storage folder"],
    ['a/../../x.txt', "storage: path 'a/../../x.txt' leaves the storage folder"],
    ['a/../b.txt', "storage: path 'a/../b.txt' leaves the storage folder"],
    ['/etc/passwd.txt', "storage: path '/etc/passwd.txt' is absolute; give a path relative to the storage folder"],
    ['C:/x.txt', "storage: path 'C:/x.txt' is absolute; give a path relative to the storage folder"],
    ['%2e%2e/x.txt', "storage: path '%2e%2e/x.txt' contains a percent-encoded '.', '/', '\\' or NUL"],
    ['%2E%2E%2Fx.txt', "storage: path '%2E%2E%2Fx.txt' contains a percent-encoded '.', '/', '\\' or NUL"],
    ['%252e%252e/x.txt', "storage: path '%252e%252e/x.txt' contains a percent-encoded '.', '/', '\\' or NUL"],
    ['a%25252fb.txt', "storage: path 'a%25252fb.txt' contains a percent-encoded '.', '/', '\\' or NUL"],
    ['x.txt\0.exe', "storage: path 'x.txt\\x00.exe' contains a NUL byte"],
    ['..\\x.txt', "storage: path '..\\x.txt' contains a backslash; use '/' between folders"],
    ['a\nb.txt', "storage: path 'a\\x0ab.txt' contains a control character"],
    ['', "storage: path '' is empty"],
    ['./', "storage: path './' names no file"],
  ])('refuses %j', async (path, message) => {
    await expect(jail.read(path)).rejects.toThrow(message);
    await expect(jail.write(path, 'x')).rejects.toThrow(message);
    await expect(jail.exists(path)).rejects.toThrow(message);
    await expect(jail.delete(path)).rejects.toThrow(message);
    expect(readdirSync(home.path).filter((n) => n !== 'storage')).toEqual([]);
  });

  it('refuses extensions not in the list, case-insensitively allowing listed ones', async () => {
    await expect(jail.write('run.exe', 'x')).rejects.toThrow("storage: extension '.exe' is not allowed (allowed: .txt, .json, .md)");
    await expect(jail.write('notes', 'x')).rejects.toThrow("storage: 'notes' has no file extension (allowed: .txt, .json, .md)");
    await expect(jail.write('.env', 'x')).rejects.toThrow("storage: '.env' has no file extension");
    await jail.write('UPPER.TXT', 'ok');
    expect(await jail.read('UPPER.TXT')).toBe('ok');
  });

  it('refuses symbolic links that lead outside, in a folder or as the leaf', async () => {
    const outside = join(home.path, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    mkdirSync(root, { recursive: true });
    symlinkSync(outside, join(root, 'linkdir'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'leaf.txt'));
    const message = (p: string) => `storage: path '${p}' leaves the storage folder (through a symbolic link)`;
    await expect(jail.read('linkdir/secret.txt')).rejects.toThrow(message('linkdir/secret.txt'));
    await expect(jail.write('linkdir/new.txt', 'x')).rejects.toThrow(message('linkdir/new.txt'));
    await expect(jail.write('linkdir/sub/new.txt', 'x')).rejects.toThrow(message('linkdir/sub/new.txt'));
    await expect(jail.read('leaf.txt')).rejects.toThrow(message('leaf.txt'));
    await expect(jail.exists('leaf.txt')).rejects.toThrow(message('leaf.txt'));
    expect(readdirSync(outside)).toEqual(['secret.txt']);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('secret');
  });

  it('follows links that stay inside', async () => {
    await jail.write('real/a.txt', 'inside');
    symlinkSync(join(root, 'real'), join(root, 'alias'));
    symlinkSync(join(root, 'real/a.txt'), join(root, 'a-link.txt'));
    expect(await jail.read('alias/a.txt')).toBe('inside');
    expect(await jail.read('a-link.txt')).toBe('inside');
  });

  it('says when a folder on the way is a file, or the target is a folder', async () => {
    await jail.write('a.txt', 'x');
    await expect(jail.write('a.txt/b.txt', 'x')).rejects.toThrow("storage: 'a.txt/b.txt': 'a.txt' is a file, not a folder");
    mkdirSync(join(root, 'dir.txt'));
    await expect(jail.read('dir.txt')).rejects.toThrow("storage: 'dir.txt' is a folder, not a file");
    await expect(jail.read('missing.txt')).rejects.toThrow("storage: 'missing.txt' does not exist");
  });
});

describe('StorageJail limits and writes', () => {
  it('caps writes and reads at max_bytes', async () => {
    await expect(jail.write('big.txt', 'x'.repeat(1025))).rejects.toThrow("storage: 'big.txt' is 1025 bytes, over the 1024-byte limit");
    expect(existsSync(join(root, 'big.txt'))).toBe(false);
    const big = new StorageJail(root, { ...LIMITS, max_bytes: 10 * 1024 * 1024 });
    await expect(big.write('huge.txt', 'x'.repeat(12 * 1024 * 1024))).rejects.toThrow("storage: 'huge.txt' is 12 MB, over the 10 MB limit");
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'planted.txt'), 'y'.repeat(3000));
    await expect(jail.read('planted.txt')).rejects.toThrow("storage: 'planted.txt' is 2.9 KB, over the 1 KB limit");
  });

  it('writes atomically: no temporary files remain, and readers never see a torn file', async () => {
    const big = new StorageJail(root, { ...LIMITS, max_bytes: 20 * 1024 * 1024 });
    const oldText = 'o'.repeat(4 * 1024 * 1024);
    const newText = 'n'.repeat(8 * 1024 * 1024);
    await big.write('data.txt', oldText);
    const seen = new Set<string>();
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const text = readFileSync(join(root, 'data.txt'), 'utf8');
        seen.add(text === oldText ? 'old' : text === newText ? 'new' : `torn (${text.length})`);
        await new Promise((r) => setImmediate(r));
      }
    })();
    await big.write('data.txt', newText);
    writing = false;
    await reader;
    expect([...seen].filter((s) => s !== 'old' && s !== 'new')).toEqual([]);
    expect(await big.read('data.txt')).toBe(newText);
    expect(readdirSync(root)).toEqual(['data.txt']);
  });

  it('a write killed before its rename leaves the old content and only a hidden temporary file', async () => {
    await jail.write('doc.txt', 'old');
    // what a process killed mid-write leaves behind: a partial temporary file next to the target
    writeFileSync(join(root, `${TEMP_PREFIX}dead.tmp`), 'ne');
    expect(await jail.read('doc.txt')).toBe('old');
    expect(await jail.list()).toEqual(['doc.txt']);
    await jail.write('doc.txt', 'new');
    expect(await jail.read('doc.txt')).toBe('new');
  });

  it('deletes files; false when there was none', async () => {
    await jail.write('gone.txt', 'x');
    expect(await jail.delete('gone.txt')).toBe(true);
    expect(await jail.delete('gone.txt')).toBe(false);
    expect(await jail.exists('gone.txt')).toBe(false);
  });
});

describe('StorageJail.list', () => {
  it('lists allowed files, sorted, filtered by glob patterns', async () => {
    for (const p of ['b.txt', 'a.json', 'notes/x.txt', 'notes/deep/y.md', 'notes/z.json']) await jail.write(p, p);
    writeFileSync(join(root, 'skip.exe'), 'x');
    writeFileSync(join(root, '.hidden.txt'), 'x');
    expect(await jail.list()).toEqual(['a.json', 'b.txt', 'notes/deep/y.md', 'notes/x.txt', 'notes/z.json']);
    expect(await jail.list('*.txt')).toEqual(['b.txt']);
    expect(await jail.list('notes/*')).toEqual(['notes/x.txt', 'notes/z.json']);
    expect(await jail.list('**/*.json')).toEqual(['a.json', 'notes/z.json']);
    expect(await jail.list('notes/**')).toEqual(['notes/deep/y.md', 'notes/x.txt', 'notes/z.json']);
    expect(await jail.list('?.txt')).toEqual(['b.txt']);
    expect(await jail.list('(a|b).*')).toEqual([]);
  });

  it('does not follow links while listing', async () => {
    const outside = join(home.path, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    await jail.write('mine.txt', 'x');
    symlinkSync(outside, join(root, 'out'));
    expect(await jail.list()).toEqual(['mine.txt']);
  });

  it('refuses patterns that leave the folder', async () => {
    await expect(jail.list('../*')).rejects.toThrow("storage: pattern '../*' leaves the storage folder");
    await expect(jail.list('/etc/*')).rejects.toThrow("storage: pattern '/etc/*' is absolute");
  });
});
