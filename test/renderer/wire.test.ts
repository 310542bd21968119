import { describe, expect, it } from 'vitest';
import { checkEvent, checkResult, decodeMessage, encodeRequest, reconnectDelay, socketUrl, StudioCallError, toCallError } from '../../renderer/ipc/wire';

describe('WebSocket wire', () => {
  it('encodes requests as { id, method, params }', () => {
    expect(JSON.parse(encodeRequest(3, 'library.list', { text: 'x' }))).toEqual({ id: 3, method: 'library.list', params: { text: 'x' } });
  });

  it('decodes replies, errors and events, checking events against the contract', () => {
    expect(decodeMessage('{"id":1,"result":[]}')).toEqual({ kind: 'reply', id: 1, result: [] });
    const failure = decodeMessage('{"id":2,"error":{"message":"stale","code":"stale_save"}}');
    expect(failure).toMatchObject({ kind: 'failure', id: 2 });
    expect(failure.kind === 'failure' && failure.error).toBeInstanceOf(StudioCallError);
    expect(failure.kind === 'failure' && failure.error.code).toBe('stale_save');
    expect(decodeMessage('{"event":"run","data":{"type":"token","runId":"r","text":"hi"}}')).toEqual({ kind: 'event', event: 'run', data: { type: 'token', runId: 'r', text: 'hi' } });
    expect(decodeMessage('{"event":"run","data":{"type":"nope"}}').kind).toBe('invalid');
    expect(decodeMessage('{"event":"unknown","data":{}}').kind).toBe('invalid');
    expect(decodeMessage('not json').kind).toBe('invalid');
    expect(decodeMessage('{"id":null,"error":{"message":"bad","code":"bad_request"}}').kind).toBe('invalid');
  });

  it('checks results with the output schema of the method', () => {
    expect(checkResult('files.save', { mtime: 5 })).toEqual({ mtime: 5 });
    expect(() => checkResult('files.save', { mtime: 'soon' })).toThrow(/malformed files.save/);
  });

  it("turns Electron's plain error objects into StudioCallErrors with their code", () => {
    const error = toCallError({ name: 'StudioCallError', message: 'main.lua changed on disk', code: 'stale' });
    expect(error).toBeInstanceOf(StudioCallError);
    expect([error.message, error.code]).toEqual(['main.lua changed on disk', 'stale']);
    expect(toCallError(new Error('boom')).code).toBe('error');
    expect(toCallError('text').message).toBe('text');
  });

  it('checks pushed events against their schema', () => {
    expect(checkEvent('library', { reason: 'saved' })).toEqual({ reason: 'saved' });
    expect(checkEvent('run', { type: 'token', runId: 'r' })).toBeUndefined();
  });

  it('builds the socket URL from the page URL and its token', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:4000', search: '?token=a+b/c' })).toBe('ws://127.0.0.1:4000/ws?token=a%20b%2Fc');
    expect(socketUrl({ protocol: 'https:', host: 'h', search: '' })).toBe('wss://h/ws?token=');
  });

  it('backs off reconnects up to 5 s', () => {
    expect([0, 1, 2, 10].map(reconnectDelay)).toEqual([250, 500, 1000, 5000]);
  });
});
