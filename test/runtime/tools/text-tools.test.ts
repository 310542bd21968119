import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runTool } from './run-tool';

describe('string_tools', () => {
  it.each([
    [{ operation: 'upper', text: 'abc' }, 'ABC'],
    [{ operation: 'lower', text: 'AbC' }, 'abc'],
    [{ operation: 'trim', text: '  x  ' }, 'x'],
    [{ operation: 'length', text: 'héllo😀' }, 6],
    [{ operation: 'reverse', text: 'ab😀' }, '😀ba'],
    [{ operation: 'split', text: 'a,b,,c', separator: ',' }, ['a', 'b', '', 'c']],
    [{ operation: 'replace', text: 'a.b.c', search: '.', replacement: '-' }, 'a-b-c'],
    [{ operation: 'contains', text: 'haystack', search: 'st' }, true],
    [{ operation: 'starts_with', text: 'haystack', search: 'hay' }, true],
    [{ operation: 'ends_with', text: 'haystack', search: 'hay' }, false],
    [{ operation: 'substring', text: 'abcdef', start: 1, end: 3 }, 'bc'],
    [{ operation: 'substring', text: 'abcdef', start: -2 }, 'ef'],
    [{ operation: 'repeat', text: 'ab', count: 3 }, 'ababab'],
    [{ operation: 'capitalize', text: 'hello world' }, 'Hello world'],
    [{ operation: 'word_count', text: ' one  two\nthree ' }, 3],
  ])('%j', async (params, expected) => {
    expect(await runTool('string_tools', params)).toEqual(expected);
  });

  it('names what is missing or wrong', async () => {
    await expect(runTool('string_tools', { operation: 'split', text: 'a' })).rejects.toThrow("string_tools: operation 'split' needs parameter 'separator'");
    await expect(runTool('string_tools', { operation: 'shout', text: 'a' })).rejects.toThrow('string_tools: invalid parameters: /operation: must be one of "upper"');
    await expect(runTool('string_tools', { operation: 'repeat', text: 'x'.repeat(1000), count: 10000 })).rejects.toThrow(
      'string_tools: the result would be longer than 1000000 characters',
    );
  });
});

describe('hash, base64, uuid', () => {
  it('hashes with each algorithm and encoding', async () => {
    expect(await runTool('hash', { text: 'abc' })).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await runTool('hash', { text: 'abc', algorithm: 'md5' })).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(await runTool('hash', { text: 'abc', algorithm: 'sha1', encoding: 'base64' })).toBe('qZk+NkcGgWq6PiVxeFDCbJzQ2J0=');
    expect(await runTool('hash', { text: 'abc', algorithm: 'sha512' })).toBe(createHash('sha512').update('abc').digest('hex'));
    await expect(runTool('hash', { algorithm: 'md5' })).rejects.toThrow('hash: invalid parameters: /text: is required');
  });

  it('encodes and strictly decodes base64', async () => {
    expect(await runTool('base64', { operation: 'encode', text: 'héllo?' })).toBe('aMOpbGxvPw==');
    expect(await runTool('base64', { operation: 'encode', text: 'héllo?', url_safe: true })).toBe('aMOpbGxvPw');
    expect(await runTool('base64', { operation: 'decode', text: 'aMOpbGxvPw==' })).toBe('héllo?');
    expect(await runTool('base64', { operation: 'decode', text: 'aMOpbGxvPw', url_safe: true })).toBe('héllo?');
    await expect(runTool('base64', { operation: 'decode', text: 'not base64!' })).rejects.toThrow("base64: 'text' is not valid base64");
    await expect(runTool('base64', { operation: 'decode', text: '/w==' })).rejects.toThrow('base64: the decoded bytes are not UTF-8 text');
  });

  it('generates v4 UUIDs', async () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(await runTool('uuid', {})).toMatch(v4);
    const many = (await runTool('uuid', { count: 3 })) as string[];
    expect(new Set(many).size).toBe(3);
    await expect(runTool('uuid', { count: 0 })).rejects.toThrow('uuid: invalid parameters: /count: must be >= 1');
  });
});
