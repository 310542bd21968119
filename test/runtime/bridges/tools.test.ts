import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStdlibServices } from '../../../runtime/bridges/stdlib-services';
import { toolsHandlers } from '../../../runtime/bridges/tools';
import { BridgeError } from '../../../runtime/bridges/types';
import { bridgeContext, callHandler, tempFolder } from '../../helpers/bridge-context';
import { startHttpServer, type TestHttpServer } from '../../helpers/http-test-server';

let server: TestHttpServer;
let home: ReturnType<typeof tempFolder>;
let ctx: ReturnType<typeof bridgeContext>['ctx'];
beforeAll(async () => {
  server = await startHttpServer();
  home = tempFolder();
  const services = createStdlibServices({ home: home.path, owner: { name: 'test' }, storage: { max_bytes: 1000, extensions: ['.txt'] }, network: { allow_hosts: [], allow_private: true } });
  ctx = bridgeContext({ ...services }).ctx;
});
afterAll(async () => {
  await server.close();
  home.remove();
});

const call = (method: string, ...args: unknown[]) => callHandler(toolsHandlers, method, args, ctx);

describe('tools.builtin_list', () => {
  it('lists every built-in tool with its description and schema', async () => {
    const list = (await call('tools.builtin_list')) as Array<{ name: string; description: string; parameters: { type: string } }>;
    expect(list.map((t) => t.name)).toEqual([
      'web_fetch', 'http_request', 'calculator', 'string_tools', 'json_process', 'csv_process', 'datetime_now', 'datetime_format',
      'datetime_calculate', 'uuid', 'hash', 'base64', 'file_read', 'file_write', 'file_list',
    ]);
    for (const tool of list) {
      expect(tool.description.length).toBeGreaterThan(20);
      expect(tool.parameters.type).toBe('object');
    }
  });
});

describe('tools.builtin_execute', () => {
  it('runs a tool with validated parameters', async () => {
    expect(await call('tools.builtin_execute', 'calculator', { expression: '2 + 3 * 4' })).toBe(14);
    expect(await call('tools.builtin_execute', 'uuid', null)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the field of invalid parameters', async () => {
    await expect(call('tools.builtin_execute', 'calculator', { expression: 5 })).rejects.toThrow('calculator: invalid parameters: /expression: must be string');
    await expect(call('tools.builtin_execute', 'calculator', {})).rejects.toThrow('calculator: invalid parameters: /expression: is required');
    await expect(call('tools.builtin_execute', 'hash', { text: 'x', algorithm: 'crc' })).rejects.toThrow(
      'hash: invalid parameters: /algorithm: must be one of "md5", "sha1", "sha256", "sha512"',
    );
    await expect(call('tools.builtin_execute', 'uuid', { cuont: 2 })).rejects.toThrow('uuid: invalid parameters: /cuont: is not allowed');
  });

  it('prefixes tool errors with the tool name, as BridgeErrors', async () => {
    const err = await call('tools.builtin_execute', 'calculator', { expression: '1/0' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect((err as Error).message).toBe('calculator: division by zero');
    await expect(call('tools.builtin_execute', 'nope', {})).rejects.toThrow("unknown tool 'nope' (built-in tools: web_fetch, http_request, calculator");
    await expect(call('tools.builtin_execute', 7, {})).rejects.toThrow('tools.builtin_execute: name must be a tool name string, got number');
  });

  it('runs the file tools inside the storage jail', async () => {
    expect(await call('tools.builtin_execute', 'file_write', { path: 'notes/a.txt', content: 'héllo' })).toEqual({ path: 'notes/a.txt', bytes: 6 });
    expect(await call('tools.builtin_execute', 'file_read', { path: 'notes/a.txt' })).toBe('héllo');
    expect(await call('tools.builtin_execute', 'file_list', { pattern: 'notes/*' })).toEqual(['notes/a.txt']);
    await expect(call('tools.builtin_execute', 'file_read', { path: '../x.txt' })).rejects.toThrow("file_read: storage: path '../x.txt' leaves the storage folder");
    await expect(call('tools.builtin_execute', 'file_write', { path: 'a.sh', content: '' })).rejects.toThrow("file_write: storage: extension '.sh' is not allowed (allowed: .txt)");
  });

  it('runs web_fetch and http_request under the network policy', async () => {
    const page = (await call('tools.builtin_execute', 'web_fetch', { url: `${server.url}/html` })) as Record<string, unknown>;
    expect(page).toMatchObject({ status: 200, truncated: false, content_type: 'text/html; charset=utf-8' });
    expect(page.content).toBe('T\nTitle & more\nFirst para.\nSecond para €');
    expect(await call('tools.builtin_execute', 'web_fetch', { url: `${server.url}/hello`, max_chars: 5 })).toMatchObject({ content: 'hello', truncated: true });
    const res = (await call('tools.builtin_execute', 'http_request', { url: `${server.url}/echo`, method: 'POST', body: 'b' })) as { status: number; body: string };
    expect(JSON.parse(res.body)).toMatchObject({ method: 'POST', body: 'b' });
    const closed = bridgeContext(createStdlibServices({ home: home.path, owner: { name: 'test' }, storage: { max_bytes: 1, extensions: [] }, network: { allow_hosts: [], allow_private: false } }) as never).ctx;
    await expect(callHandler(toolsHandlers, 'tools.builtin_execute', ['web_fetch', { url: `${server.url}/hello` }], closed)).rejects.toThrow(
      'web_fetch: http: address 127.0.0.1 is a loopback address',
    );
  });
});

describe('tools.validate', () => {
  const schema = {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1 },
      age: { type: 'integer', minimum: 0 },
      address: { type: 'object', properties: { zip: { type: 'string', pattern: '^[0-9]{5}$' } }, required: ['zip'] },
      tags: { type: 'array', items: { type: 'string' } },
      email: { type: 'string', format: 'email' },
    },
    required: ['name'],
    additionalProperties: false,
  };

  it('accepts a valid value', async () => {
    expect(await call('tools.validate', schema, { name: 'Ann', age: 3, address: { zip: '12345' }, email: 'a@b.co' })).toEqual({ valid: true, errors: [] });
  });

  it('reports every error with its path, nested ones included', async () => {
    const result = await call('tools.validate', schema, { age: -1, address: { zip: 'abc' }, tags: ['ok', 5], email: 'nope', extra: 1 });
    expect(result).toEqual({
      valid: false,
      errors: [
        '/name: is required',
        '/extra: is not allowed',
        '/age: must be >= 0',
        '/address/zip: must match pattern "^[0-9]{5}$"',
        '/tags/1: must be string',
        '/email: must match format "email"',
      ],
    });
    expect(await call('tools.validate', { type: 'object', properties: { a: { type: 'object', required: ['b'] } } }, { a: {} })).toEqual({ valid: false, errors: ['/a/b: is required'] });
  });

  it('supports draft-07 and 2019-09 schemas', async () => {
    const draft7 = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'number', exclusiveMaximum: 5 };
    expect(await call('tools.validate', draft7, 7)).toEqual({ valid: false, errors: ['/: must be < 5'] });
    const draft2019 = { $schema: 'https://json-schema.org/draft/2019-09/schema', type: 'object', dependentRequired: { a: ['b'] } };
    expect(await call('tools.validate', draft2019, { a: 1 })).toEqual({ valid: false, errors: ['/: must have property b when property a is present'] });
  });

  it('reports an invalid schema clearly', async () => {
    await expect(call('tools.validate', { type: 'strnig' }, 'x')).rejects.toThrow('tools.validate: invalid schema: schema is invalid: data/type must be equal to one of the allowed values');
    await expect(call('tools.validate', 'not a schema', 1)).rejects.toThrow('tools.validate: schema must be a JSON Schema table, got string');
  });

  it('reuses compiled validators and tolerates schemas sharing an $id', async () => {
    const a = { $id: 'https://example.test/s', type: 'string' };
    const b = { $id: 'https://example.test/s', type: 'number' };
    expect(await call('tools.validate', a, 'x')).toEqual({ valid: true, errors: [] });
    expect(await call('tools.validate', b, 'x')).toEqual({ valid: false, errors: ['/: must be number'] });
    expect(await call('tools.validate', a, 1)).toEqual({ valid: false, errors: ['/: must be string'] });
  });
});
