import { opt, p, t, type ApiClass, type ApiModule } from './model';

const prompt = p('prompt', t.string, 'What to ask.');
const messages = p('messages', t.array(t.ref('Message')), 'The conversation so far, oldest first.');
const options = opt('opts', t.ref('ChatOptions'), 'Model, temperature, token limit, system prompt.');
const onChunk = p(
  'on_chunk',
  t.fn([p('chunk', t.string)], t.union(t.string, t.void)),
  'Called with each piece of text as it arrives; returning a non-empty string (or raising) stops the stream with that reason.',
);
const promptOrMessages = p('prompt', t.union(t.string, t.array(t.ref('Message'))), 'A prompt, or the conversation so far.');
const streamErr = opt('err', t.string, 'Why the stream failed; nil on success.');
const callback = (name: string, doc: string) => opt(name, t.fn([p('value', t.string)], t.void), doc);

/** `llm`: chat with the configured provider; keys stay in the host. */
export const LLM_MODULE: ApiModule = {
  name: 'llm',
  doc: 'Chat with the configured LLM provider. API keys stay in the host; a spell only sees answers.',
  functions: [
    { name: 'chat', doc: 'Sends one prompt and returns the answer text.', params: [prompt, options], returns: t.string, fails: true, async: true, rpc: ['llm.chat'] },
    {
      name: 'complete',
      doc: 'go-llmspell compatible: `chat` with a token limit.',
      params: [prompt, opt('max_tokens', t.integer, 'Most tokens the answer may use.')],
      returns: t.string,
      fails: true,
      async: true,
      rpc: ['llm.chat'],
    },
    {
      name: 'stream_chat',
      doc: 'Streams the answer to the chunk callback as it arrives and returns the whole text.',
      params: [prompt, onChunk, options],
      returns: t.string,
      fails: true,
      async: true,
      rpc: ['llm.stream'],
      lua: { doc: 'Streams the answer to the chunk callback as it arrives; returns nothing on success, else the error message (go-llmspell). `stream_text` returns the whole text.', results: [streamErr] },
    },
    { name: 'chat_with_history', doc: 'Chats with a whole conversation; returns the next answer.', params: [messages, options], returns: t.string, fails: true, async: true, rpc: ['llm.chat'] },
    {
      name: 'stream_chat_with_history',
      doc: 'Streams the next answer of a conversation to the chunk callback; returns the whole text.',
      params: [messages, onChunk, options],
      returns: t.string,
      fails: true,
      async: true,
      rpc: ['llm.stream'],
      lua: { doc: 'Streams the next answer of a conversation to the chunk callback; returns nothing on success, else the error message (as `stream_chat`).', results: [streamErr] },
    },
    {
      name: 'stream_text',
      doc: 'Streams like `stream_chat` (a prompt or a whole conversation) and returns the whole text.',
      params: [promptOrMessages, onChunk, options],
      returns: t.string,
      fails: true,
      only: 'lua',
      tengo: false,
      rpc: ['llm.stream'],
    },
    {
      name: 'chat_json',
      doc: 'Asks for JSON matching a JSON Schema; returns the parsed, validated answer.',
      params: [prompt, p('schema', t.map(t.any), 'A JSON Schema the answer must match.'), options],
      returns: t.any,
      fails: true,
      async: true,
      rpc: ['llm.chat_json'],
    },
    { name: 'list_models', doc: 'Model ids the current provider offers.', params: [], returns: t.array(t.string), fails: true, async: true, rpc: ['llm.list_models'] },
    { name: 'list_providers', doc: 'Names of the configured providers.', params: [], returns: t.array(t.string), fails: true, async: true, rpc: ['llm.list_providers'] },
    {
      name: 'get_provider',
      doc: 'The current provider and model.',
      params: [],
      returns: t.ref('ProviderChoice'),
      fails: true,
      async: true,
      rpc: ['llm.get_provider'],
      lua: { results: [p('name', t.string), p('model', t.string)] },
      tengo: { doc: 'The current provider and model, as a map `{name, model}`.', returns: t.map(t.string) },
    },
    {
      name: 'set_provider',
      doc: 'Switches provider (and optionally model) for the rest of the run.',
      params: [p('name', t.string, 'A configured provider.'), opt('model', t.string)],
      returns: t.ref('ProviderChoice'),
      fails: true,
      async: true,
      rpc: ['llm.set_provider'],
      lua: { doc: 'Switches provider (and optionally model); returns nothing on success, else the error message (go-llmspell).', results: [opt('err', t.string)] },
      tengo: { returns: t.boolean },
    },
    {
      name: 'chat_async',
      doc: 'go-llmspell compatible: starts a chat and returns its callback id; `cb(answer)` or `errcb(message)` runs once the answer is in (whenever the spell waits, or at `async.process_callbacks()`).',
      params: [prompt, callback('cb', 'Gets the answer.'), callback('errcb', 'Gets the error message.'), options],
      returns: t.integer,
      only: 'lua',
      tengo: false,
      rpc: ['llm.chat'],
    },
    {
      name: 'complete_async',
      doc: 'go-llmspell compatible: `chat_async` with a token limit; returns the callback id.',
      params: [prompt, opt('max_tokens', t.integer), callback('cb', 'Gets the answer.'), callback('errcb', 'Gets the error message.')],
      returns: t.integer,
      only: 'lua',
      tengo: false,
      rpc: ['llm.chat'],
    },
    {
      name: 'chat_promise',
      doc: 'Starts a chat (a prompt or a whole conversation) and returns a promise of the answer; the spell goes on meanwhile.',
      params: [promptOrMessages, options],
      returns: t.ref('Promise'),
      only: 'lua',
      tengo: false,
      rpc: ['llm.chat'],
    },
  ],
};

/** Records of the llm module. */
export const LLM_CLASSES: ApiClass[] = [
  {
    name: 'ChatOptions',
    doc: 'Options of one LLM call; anything left out comes from the configuration.',
    fields: [
      opt('model', t.string, 'Model id.'),
      opt('temperature', t.number, '0 to 2.'),
      opt('max_tokens', t.integer, 'Most tokens the answer may use.'),
      opt('system', t.string, 'System prompt.'),
    ],
  },
  {
    name: 'Message',
    doc: 'One message of a conversation.',
    fields: [p('role', t.union(t.literal('system'), t.literal('user'), t.literal('assistant'))), p('content', t.string)],
  },
  { name: 'ProviderChoice', doc: 'A provider and its model.', fields: [p('name', t.string), p('model', t.string)], only: 'js' },
];
