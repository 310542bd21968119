import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStdlibServices, stdlibHandlers } from '../../../runtime/bridges/stdlib-services';
import { storageHandlers } from '../../../runtime/bridges/storage';
import { BridgeError } from '../../../runtime/bridges/types';
import { bridgeContext, callHandler, tempFolder } from '../../helpers/bridge-context';

let home: ReturnType<typeof tempFolder>;
let ctx: ReturnType<typeof bridgeContext>['ctx'];

beforeEach(() => {
  home = tempFolder();
  const services = createStdlibServices({ home: home.path, owner: { name: 'test' }, storage: { max_bytes: 100, extensions: ['.txt', '.json'] }, network: { allow_hosts: [], allow_private: false } });
  ctx = bridgeContext({ ...services }).ctx;
});
afterEach(() => home.remove());

const call = (method: string, ...args: unknown[]) => callHandler(storageHandlers, method, args, ctx);

describe('storage bridge handlers', () => {
  it('writes, reads, checks, lists and deletes under <home>/storage', async () => {
    expect(await call('storage.write', 'notes/a.txt', 'alpha')).toBe(true);
    expect(existsSync(join(home.path, 'storage', 'spells', 'test', 'notes', 'a.txt'))).toBe(true);
    expect(await call('storage.write', 'b.json', '{}')).toBe(true);
    expect(await call('storage.read', 'notes/a.txt')).toBe('alpha');
    expect(await call('storage.exists', 'notes/a.txt')).toBe(true);
    expect(await call('storage.list')).toEqual(['b.json', 'notes/a.txt']);
    expect(await call('storage.list', 'notes/*')).toEqual(['notes/a.txt']);
    expect(await call('storage.list', null)).toEqual(['b.json', 'notes/a.txt']);
    expect(await call('storage.delete', 'notes/a.txt')).toBe(true);
    expect(await call('storage.delete', 'notes/a.txt')).toBe(false);
    expect(await call('storage.exists', 'notes/a.txt')).toBe(false);
  });

  it('names the argument and the received type on bad arguments', async () => {
    const err = await call('storage.write', 'a.txt', 42).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect((err as Error).message).toBe('storage.write: content must be a string, got number');
    await expect(call('storage.write', 'a.txt')).rejects.toThrow('storage.write: content must be a string, got nothing');
    await expect(call('storage.read', { path: 'a.txt' })).rejects.toThrow('storage.read: path must be a string, got a table');
    await expect(call('storage.list', 5)).rejects.toThrow("storage.list: pattern must be a string like '*.txt', got number");
  });

  it('passes on the jail refusals', async () => {
    await expect(call('storage.read', '../x.txt')).rejects.toThrow("storage: path '../x.txt' leaves the storage folder");
    await expect(call('storage.write', 'x.exe', 'x')).rejects.toThrow("storage: extension '.exe' is not allowed (allowed: .txt, .json)");
    await expect(call('storage.write', 'big.txt', 'x'.repeat(101))).rejects.toThrow("storage: 'big.txt' is 101 bytes, over the 100 bytes limit");
  });

  it('says so when the run has no storage', async () => {
    await expect(callHandler(storageHandlers, 'storage.read', ['a.txt'], bridgeContext().ctx)).rejects.toThrow('storage is not available in this run');
  });

  it('is part of the merged stdlib handlers', () => {
    expect(Object.keys(stdlibHandlers).sort()).toEqual(
      ['agents.builtin_list', 'agents.tool_result', 'agents.turn', 'http.get', 'http.post', 'http.request', 'mcp.prompt', 'mcp.read', 'mcp.resources', 'mcp.servers', 'storage.delete', 'storage.exists', 'storage.list', 'storage.read', 'storage.write', 'tools.builtin_execute', 'tools.builtin_list', 'tools.validate'].sort(),
    );
  });
});
