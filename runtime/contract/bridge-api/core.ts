import { opt, p, rest, t, type ApiClass, type ApiFunction, type ApiModule } from './model';

/** `json`: plain JSON. */
export const JSON_MODULE: ApiModule = {
  name: 'json',
  doc: 'Plain JSON text. Lua tables with keys 1..n are arrays; object keys are sorted in Lua.',
  // Tengo's own standard `json` module stays Tengo's.
  tengo: false,
  functions: [
    { name: 'encode', doc: 'JSON text of a value.', params: [p('value', t.any)], returns: t.string, fails: true },
    { name: 'decode', doc: 'The value of JSON text; the error says where the text is wrong.', params: [p('text', t.string)], returns: t.any, fails: true },
  ],
};

const logFn = (name: string): ApiFunction => ({
  name,
  doc: `A ${name} line on stderr with the spell's name, shown when the log level allows.`,
  params: [p('message', t.string), opt('fields', t.map(t.any), 'Structured fields.')],
  returns: t.void,
  // go-llmspell's Lua form: log.info(msg, k1, v1, ...) or log.info(msg, { k = v }); msg may be any value.
  lua: { params: [p('message', t.any), rest('fields', t.any, 'A table of fields, or key, value pairs.')] },
});

/** `log`: structured log lines. */
export const LOG_MODULE: ApiModule = {
  name: 'log',
  doc: 'Structured log lines on stderr; the host filters them by level.',
  functions: ['debug', 'info', 'warn', 'error'].map(logFn),
};

const printFn = (name: string, where: string): ApiFunction => ({
  name,
  doc: `Prints its arguments, separated by spaces, to ${where}; objects are shown as JSON.`,
  params: [rest('values', t.any)],
  returns: t.void,
  only: 'js',
});

/** `console` (JS). */
export const CONSOLE_MODULE: ApiModule = {
  name: 'console',
  doc: 'Output of a JavaScript spell.',
  only: 'js',
  functions: [printFn('log', 'stdout'), printFn('info', 'stdout'), printFn('warn', 'stderr'), printFn('error', 'stderr')],
};

/** Timers (JS globals). */
export const TIMER_FUNCTIONS: ApiFunction[] = [
  {
    name: 'setTimeout',
    doc: 'Calls `callback(...args)` after `delay` milliseconds; returns an id for `clearTimeout`.',
    params: [p('callback', t.fn([rest('args', t.any)], t.void)), opt('delay', t.number), rest('args', t.any)],
    returns: t.integer,
    only: 'js',
  },
  { name: 'clearTimeout', doc: 'Cancels a timer.', params: [opt('id', t.integer)], returns: t.void, only: 'js' },
  {
    name: 'setInterval',
    doc: 'Calls `callback(...args)` every `delay` milliseconds (at least 1) until `clearInterval`; returns its id.',
    params: [p('callback', t.fn([rest('args', t.any)], t.void)), opt('delay', t.number), rest('args', t.any)],
    returns: t.integer,
    only: 'js',
  },
  { name: 'clearInterval', doc: 'Stops an interval.', params: [opt('id', t.integer)], returns: t.void, only: 'js' },
  { name: 'queueMicrotask', doc: 'Runs `callback` after the current job, before any timer; an error in it fails the run.', params: [p('callback', t.fn([], t.void))], returns: t.void, only: 'js' },
];

/** `SpellError` (JS). */
export const SPELL_ERROR_CLASS: ApiClass = {
  name: 'SpellError',
  doc: 'What a failing bridge call throws in JavaScript (where Lua returns `nil, message`).',
  only: 'js',
  constructible: true,
  fields: [
    p('message', t.string),
    p('code', t.string, 'Machine-readable cause: `bad_argument`, `llm_http`, `unknown_tool`, `callback_stopped`, ...'),
    p('name', t.literal('SpellError')),
  ],
};

/** `io`: the run's input and output in every engine, nothing else of Lua's io library. */
export const IO_MODULE: ApiModule = {
  name: 'io',
  doc: 'Only `io.read` (a line typed by the user: stdin in the CLI, the input box in the studio), `io.write` and, in Lua, `io.flush`; no files.',
  functions: [
    {
      name: 'read',
      doc: 'Reads input: "l" (default) a line without its newline, "L" with it, "n" a number, "a" everything left; nil/null at the end of input.',
      params: [opt('format', t.union(t.literal('l'), t.literal('L'), t.literal('n'), t.literal('a')))],
      returns: t.union(t.string, t.number, t.null),
      async: true,
      rpc: ['io.read'],
    },
    {
      name: 'write',
      doc: 'Writes strings and numbers to the run\'s output, without separators or a newline.',
      params: [rest('values', t.union(t.string, t.number))],
      returns: t.ref('io'),
      js: { returns: t.void },
    },
    { name: 'flush', doc: 'Sends what `io.write` wrote so far now, instead of with the next batch of output.', params: [], returns: t.ref('io'), only: 'lua', tengo: false },
  ],
};
