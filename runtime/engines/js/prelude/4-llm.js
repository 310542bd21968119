/**
 * The `llm` bridge in JavaScript: the same host calls as Lua's, as promises that
 * reject with a `SpellError`. Options use JS names (`maxTokens`) and are renamed for the host.
 */
/** JS option names to the host's (maxTokens -> max_tokens); unknown keys pass on for the host to name. */
function hostOptions(opts) {
  if (opts === undefined || opts === null) return undefined;
  const out = {};
  const keys = ObjectKeys(opts);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    out[key === 'maxTokens' ? 'max_tokens' : key] = opts[key];
  }
  return out;
}

/**
 * Streams host call method to onChunk; a non-empty string returned (or an error thrown) stops it.
 * Events that are not text go to onOther (the agent loop's tool requests).
 */
function streamCall(method, args, onChunk, site, onOther) {
  const id = startCall(method, args);
  let stopped = false;
  const stop = function (reason) {
    if (stopped) return;
    stopped = true;
    cancelCall(id, 'callback error: ' + reason, 'callback_stopped');
  };
  const verdict = function (value) {
    if (typeof value === 'string' && value !== '') stop(value);
  };
  listeners.set(id, function (chunk) {
    if (stopped) return;
    if (onOther && typeof chunk !== 'string') return onOther(chunk);
    let value;
    try {
      value = onChunk(chunk);
    } catch (e) {
      return stop(describe(e).message);
    }
    if (value !== null && typeof value === 'object' && typeof value.then === 'function') {
      value.then(verdict, function (e) { stop(describe(e).message); });
    } else {
      verdict(value);
    }
  });
  return awaitCall(id, site);
}

function providerNames(list) {
  const names = [];
  for (let i = 0; i < list.length; i++) names.push(list[i].name);
  return names;
}

const llmBridge = {
  chat: function (prompt, opts) { return rpc('llm.chat', [prompt, hostOptions(opts)]); },
  complete: function (prompt, maxTokens) { return rpc('llm.chat', [prompt, maxTokens === undefined ? undefined : { max_tokens: maxTokens }]); },
  streamChat: function (prompt, onChunk, opts) {
    return streamCall('llm.stream', [prompt, hostOptions(opts)], onChunk, new SpellError('', 'bridge_error'));
  },
  chatWithHistory: function (messages, opts) { return rpc('llm.chat', [messages, hostOptions(opts)]); },
  streamChatWithHistory: function (messages, onChunk, opts) {
    return streamCall('llm.stream', [messages, hostOptions(opts)], onChunk, new SpellError('', 'bridge_error'));
  },
  chatJson: function (prompt, schema, opts) { return rpc('llm.chat_json', [prompt, schema, hostOptions(opts)]); },
  listModels: function () { return rpc('llm.list_models', []); },
  listProviders: function () { return rpc('llm.list_providers', []).then(providerNames); },
  getProvider: function () { return rpc('llm.get_provider', []); },
  setProvider: function (name, model) { return rpc('llm.set_provider', [name, model]); },
};
