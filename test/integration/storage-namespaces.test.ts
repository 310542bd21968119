/**
 * Issue 12 item 4 (and the storage parts of item 8): each spell has its own storage namespace,
 * sharing is an explicit grant shown at install, older files are migrated without loss, each
 * namespace has a quota, and errors never show host paths.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace('llmspell-storage-ns-');
const home = path.join(ws.dir, 'home');
const env = { HOME: ws.dir, LLMSPELL_HOME: home, MOCK_LLM: 'true' };
afterAll(() => ws.cleanup());

function spell(name: string, storage: string, code: string): string {
  const dir = path.join(ws.dir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'spell.yaml'), `name: ${name}\nversion: 1.0.0\npermissions:\n  storage: ${storage}\n`);
  writeFileSync(path.join(dir, 'main.lua'), code);
  return dir;
}

const run = (dir: string) => runCli(['run', dir], { cwd: ws.dir, env });

describe('per-spell storage namespaces', () => {
  it("moves files from before namespaces into the shared area 'legacy', losing nothing", async () => {
    mkdirSync(path.join(home, 'storage', 'notes'), { recursive: true });
    writeFileSync(path.join(home, 'storage', 'old.txt'), 'from before');
    writeFileSync(path.join(home, 'storage', 'notes', 'n.txt'), 'nested');
    const plain = spell('plain', 'true', 'print(storage.exists("old.txt"))\n');
    const first = await run(plain);
    expect(first.stdout).toBe('false\n');
    expect(first.stderr).toContain("2 older entries were moved to the shared area 'legacy'");
    expect(readFileSync(path.join(home, 'storage/shared/legacy/old.txt'), 'utf8')).toBe('from before');
    expect(readFileSync(path.join(home, 'storage/shared/legacy/notes/n.txt'), 'utf8')).toBe('nested');
    expect(existsSync(path.join(home, 'storage/old.txt'))).toBe(false);
    const reader = spell('legacy-reader', '{ shared: [legacy] }', 'print(storage.read("@legacy/old.txt"))\nprint(table.concat(storage.list("@legacy/**"), ","))\n');
    const second = await run(reader);
    expect(second.stdout).toBe('from before\n@legacy/notes/n.txt,@legacy/old.txt\n');
    expect(second.stderr).not.toContain('moved');
  });

  it("a spell cannot read or list another spell's files", async () => {
    const writer = spell('writer', 'true', 'storage.write("secret.txt", "s3cret")\nprint(storage.read("secret.txt"))\n');
    expect((await run(writer)).stdout).toBe('s3cret\n');
    const thief = spell('thief', 'true', 'print(storage.read("secret.txt"))\nprint(#storage.list())\nprint(storage.read("@writer/secret.txt"))\nprint(storage.read("../writer/secret.txt"))\n');
    const stolen = await run(thief);
    expect(stolen.stdout).not.toContain('s3cret');
    expect(stolen.stdout).toContain("nil\tstorage: 'secret.txt' does not exist");
    expect(stolen.stdout).toContain("is in the shared area 'writer', which this spell is not granted");
    expect(existsSync(path.join(home, 'storage/spells/writer/secret.txt'))).toBe(true);
  });

  it('shares an area only between spells granted it', async () => {
    const a = spell('share-a', '{ shared: [team] }', 'print(storage.write("@team/plan.txt", "ship it") or "ok")\nstorage.write("mine.txt", "private")\n');
    expect((await run(a)).stdout).toBe('ok\n');
    const b = spell('share-b', '{ shared: [team] }', 'print(storage.read("@team/plan.txt"))\nprint(storage.exists("mine.txt"))\n');
    expect((await run(b)).stdout).toBe('ship it\nfalse\n');
    const c = spell('share-c', 'true', 'print(storage.read("@team/plan.txt"))\n');
    expect((await run(c)).stdout).toContain("which this spell is not granted (add to spell.yaml: permissions: { storage: { shared: [team] } })");
  });

  it('says exactly what is shared at install', async () => {
    const dir = spell('sharer', '{ shared: [team] }', 'print(1)\n');
    expect((await runCli(['pack', dir, '--out', path.join(ws.dir, 'out')], { cwd: ws.dir, env })).code).toBe(0);
    const install = await runCli(['install', path.join(ws.dir, 'out/sharer-1.0.0.spell'), '--allow-unsigned'], { cwd: ws.dir, env });
    expect(install.stdout).toContain('  storage: read and write its own files (no other spell sees them)\n');
    expect(install.stdout).toContain("  shared storage 'team': read and write files that every spell granted 'team' can also read and change\n");
  });

  it('keeps each namespace under its quota', async () => {
    const project = path.join(ws.dir, 'quota');
    mkdirSync(project);
    writeFileSync(path.join(project, 'llmspell.yaml'), 'storage:\n  quota_bytes: 100\n');
    const dir = spell('hoarder', 'true', 'print(storage.write("a.txt", string.rep("x", 60)) or "ok")\nprint(storage.write("b.txt", string.rep("x", 60)) or "ok")\nprint(storage.write("a.txt", string.rep("x", 30)) or "ok")\n');
    const result = await runCli(['run', dir], { cwd: project, env });
    expect(result.stdout).toBe("ok\nstorage: writing 'b.txt' would take its storage to 120 bytes, over its quota of 100 bytes (storage.quota_bytes)\nok\n");
  });

  it('names no host path in storage errors', async () => {
    const dir = spell('long-names', 'true', `print(storage.write(string.rep("a", 300) .. "/x.txt", "x") or "ok")\n`);
    const result = await run(dir);
    expect(result.stdout).toMatch(/^ENAMETOOLONG: name too long/);
    expect(result.stdout).not.toContain(ws.dir);
    expect(result.stdout).not.toContain(home);
    expect(result.stdout).toContain('storage/');
  });

  it('bare files get a namespace by path, or by --storage-name', async () => {
    mkdirSync(path.join(ws.dir, 'one'), { recursive: true });
    mkdirSync(path.join(ws.dir, 'two'), { recursive: true });
    const one = path.join(ws.dir, 'one', 'main.lua');
    const two = path.join(ws.dir, 'two', 'main.lua');
    writeFileSync(one, 'print(storage.write("note.txt", "from one") or "ok")\n');
    writeFileSync(two, 'print(storage.read("note.txt"))\n');
    expect((await runCli(['run', one], { cwd: ws.dir, env })).stdout).toBe('ok\n');
    expect((await runCli(['run', two], { cwd: ws.dir, env })).stdout).toContain("nil\tstorage: 'note.txt' does not exist");
    expect((await runCli(['run', one, '--storage-name', 'notes'], { cwd: ws.dir, env })).stdout).toBe('ok\n');
    expect((await runCli(['run', two, '--storage-name', 'notes'], { cwd: ws.dir, env })).stdout).toBe('from one\n');
    const bad = await runCli(['run', two, '--storage-name', '../x'], { cwd: ws.dir, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--storage-name: expected a kebab-case name');
  });
});
