/**
 * `llm := import("llm")`: the Lua names and arguments; a failure is a Tengo error value
 * (`is_error(r)`), never an exception. Stream callbacks are Tengo functions; one that returns a
 * non-empty string stops the stream with that reason.
 */
import { fromJs } from '../interop';
import { arrayItems, mapEntries, newArray, TError, type ImmutableMap, type Value } from '../values';
import type { Kit } from './kit';

export function llmModule(kit: Kit): ImmutableMap {
  const stream = (input: Value, fn: Value, opts: Value): Value => {
    let reason: string | undefined;
    const r = kit.stream('llm.stream', [input, opts], (event) => {
      const back = kit.m.call(fn, [fromJs(event)]);
      if (typeof back === 'string' && back !== '') reason = `callback error: ${back}`;
      return reason;
    });
    return reason ? new TError(reason) : r;
  };
  return kit.module('llm', {
    chat: ([prompt, opts]) => kit.call('llm.chat', prompt, opts),
    complete: ([prompt, max]) => kit.call('llm.chat', prompt, max === undefined ? undefined : new Map([['max_tokens', max]])),
    stream_chat: ([prompt, fn, opts]) => stream(prompt, fn, opts),
    chat_with_history: ([messages, opts]) => kit.call('llm.chat', messages, opts),
    stream_chat_with_history: ([messages, fn, opts]) => stream(messages, fn, opts),
    chat_json: ([prompt, schema, opts]) => kit.call('llm.chat_json', prompt, schema, opts),
    list_models: () => kit.call('llm.list_models'),
    list_providers: () => {
      const list = kit.call('llm.list_providers');
      const items = arrayItems(list);
      return items ? newArray(items.map((p) => mapEntries(p)?.get('name'))) : list;
    },
    // Tengo has one result: {name, model} (Lua returns the two).
    get_provider: () => kit.call('llm.get_provider'),
    set_provider: ([name, model]) => {
      const r = kit.call('llm.set_provider', name, model);
      return r instanceof TError ? r : true;
    },
  });
}
