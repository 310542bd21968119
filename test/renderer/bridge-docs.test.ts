import { describe, expect, it } from 'vitest';
import { BRIDGE_API, modulesFor } from '../../runtime/contract/bridge-api';
import { buildBridgeIndex, renderType } from '../../renderer/features/editor/bridge-docs';
import { completionsAt, hoverAt, signatureAt } from '../../renderer/features/editor/bridge-lookup';

const lua = buildBridgeIndex('lua');
const js = buildBridgeIndex('js');
const names = (found: ReturnType<typeof completionsAt>) => found?.items.map((d) => d.name) ?? [];

describe('bridge docs for the editor', () => {
  it('has an entry for every function of every module in the description', () => {
    for (const language of ['lua', 'js'] as const) {
      const index = buildBridgeIndex(language);
      for (const { module, functions } of modulesFor(language)) {
        const listed = module.global ? index.globals.map((d) => d.name) : (index.members.get(module.name) ?? []).map((d) => d.name);
        expect(listed).toEqual(expect.arrayContaining(functions.map((f) => f.name)));
      }
    }
    expect(BRIDGE_API.modules.length).toBeGreaterThan(5);
  });

  it('completes llm. with chat, stream_chat and the rest', () => {
    const found = completionsAt(lua, 'local answer = llm.');
    expect(names(found)).toEqual(expect.arrayContaining(['chat', 'stream_chat', 'chat_with_history', 'list_models']));
    expect(found!.from).toBe('local answer = llm.'.length);
    expect(names(completionsAt(lua, 'llm.str'))).toContain('stream_chat');
    expect(completionsAt(lua, 'llm.str')!.from).toBe(4);
    expect(names(completionsAt(js, 'await llm.'))).toEqual(expect.arrayContaining(['chat', 'streamChat']));
  });

  it('completes modules and params at top level, methods after : in Lua', () => {
    expect(names(completionsAt(lua, 'local x = '))).toEqual(expect.arrayContaining(['llm', 'tools', 'json', 'params']));
    expect(completionsAt(lua, 'agent:')!.items.every((d) => d.kind === 'method')).toBe(true);
    expect(completionsAt(lua, 'unknown.')).toBeUndefined();
  });

  it('offers nothing inside strings and comments', () => {
    expect(completionsAt(lua, 'print("llm.')).toBeUndefined();
    expect(completionsAt(lua, '-- see llm.')).toBeUndefined();
    expect(completionsAt(js, '// llm.')).toBeUndefined();
    expect(names(completionsAt(lua, 'print("x") llm.'))).toContain('chat');
  });

  it('writes signatures in each language', () => {
    const chat = lua.members.get('llm')!.find((d) => d.name === 'chat')!;
    expect(chat.signature).toMatch(/^llm\.chat\(prompt: string, opts\?: ChatOptions\): string$/);
    expect(chat.doc).toMatch(/nil, message/);
    expect(chat.insertText).toBe('chat(${1:prompt})$0');
    const jsChat = js.members.get('llm')!.find((d) => d.name === 'streamChat')!;
    expect(jsChat.signature).toMatch(/^llm\.streamChat\(prompt: string, onChunk: \(chunk: string\) => string \| void, opts\?: ChatOptions\): Promise<string>$/);
    expect(renderType({ kind: 'map', of: { kind: 'integer' } }, 'lua')).toBe('table<string, integer>');
    expect(renderType({ kind: 'array', of: { kind: 'union', of: [{ kind: 'string' }, { kind: 'null' }] } }, 'js')).toBe('(string | null)[]');
  });

  it('finds the call and argument for signature help', () => {
    expect(signatureAt(lua, 'local a = llm.chat(')).toMatchObject({ doc: { qualified: 'llm.chat' }, activeParameter: 0 });
    expect(signatureAt(lua, 'llm.stream_chat("hi, there", function(c) return nil end, ')).toMatchObject({ doc: { name: 'stream_chat' }, activeParameter: 2 });
    expect(signatureAt(lua, 'llm.chat("a", { model = "x", temperature = 1')).toBeUndefined();
    expect(signatureAt(lua, 'llm.chat("a", { model = "x" }, ')).toMatchObject({ activeParameter: 2 });
    expect(signatureAt(lua, 'llm.chat("a")')).toBeUndefined();
    expect(signatureAt(lua, 'print(')).toBeUndefined();
    expect(signatureAt(js, 'await llm.chatWithHistory(history, /* a, b */ ')).toMatchObject({ activeParameter: 1 });
  });

  it('hovers module functions and modules', () => {
    const line = 'local a = llm.chat("x")';
    expect(hoverAt(lua, line, line.indexOf('chat') + 2)).toMatchObject({ doc: { qualified: 'llm.chat' }, start: 15, end: 19 });
    expect(hoverAt(lua, line, line.indexOf('llm') + 1)).toMatchObject({ doc: { kind: 'module', name: 'llm' } });
    expect(hoverAt(lua, line, 2)).toBeUndefined();
  });

  it('knows Tengo: Lua names, dotted methods, Tengo types and error values, import names', () => {
    const tengo = buildBridgeIndex('tengo');
    for (const { module, functions } of modulesFor('tengo')) {
      expect((tengo.members.get(module.name) ?? []).map((d) => d.name)).toEqual(functions.map((f) => f.name));
    }
    expect(tengo.members.has('json')).toBe(false);
    expect(tengo.members.has('promise')).toBe(false);
    const chat = tengo.members.get('llm')!.find((d) => d.name === 'chat')!;
    expect(chat.signature).toBe('llm.chat(prompt: string, opts?: ChatOptions): string');
    expect(chat.doc).toMatch(/`error` value/);
    expect(names(completionsAt(tengo, 'answer := llm.'))).toEqual(expect.arrayContaining(['chat', 'stream_chat', 'chat_with_history']));
    expect(names(completionsAt(tengo, 'x := import("'))).toEqual(expect.arrayContaining(['llm', 'workflow', 'params', 'fmt', 'text']));
    expect(names(completionsAt(tengo, 'x := import("ll'))).toContain('llm');
    expect(names(completionsAt(tengo, 'x := import("'))).not.toContain('os');
    expect(completionsAt(tengo, '// llm.')).toBeUndefined();
    expect(completionsAt(tengo, 's := `llm.')).toBeUndefined();
    expect(signatureAt(tengo, 'r := llm.stream_chat("a, b", func(c) { return "" }, ')).toMatchObject({ doc: { name: 'stream_chat' }, activeParameter: 2 });
    expect(hoverAt(tengo, 'r := agent.run("hi")', 13)).toMatchObject({ doc: { qualified: 'Agent.run', kind: 'method' } });
    expect(renderType({ kind: 'map', of: { kind: 'integer' } }, 'tengo')).toBe('{string: int}');
  });
});
