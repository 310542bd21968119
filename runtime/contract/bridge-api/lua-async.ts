import { opt, p, rest, t, type ApiClass, type ApiFunction, type ApiModule } from './model';

const promise = t.ref('Promise');
const list = p('list', t.array(t.any), 'Promises (or plain values).');
const timeoutS = opt('timeout_s', t.number, 'Seconds to wait at most.');

/** `promise` (Lua): real promises over the engine's task scheduler. JS has its own `Promise`. */
export const PROMISE_MODULE: ApiModule = {
  name: 'promise',
  doc: 'go-llmspell compatible promises whose callbacks run as tasks: `p:await()` truly waits while other tasks and host calls go on.',
  only: 'lua',
  // A Tengo spell's bridge calls simply block; it has no task scheduler (times.sleep waits).
  tengo: false,
  functions: [
    { name: 'new', doc: 'A promise settled by `executor(resolve, reject)`.', params: [p('executor', t.fn([p('resolve', t.fn([opt('value', t.any)], t.void)), p('reject', t.fn([opt('reason', t.any)], t.void))], t.void))], returns: promise },
    { name: 'resolve', doc: 'A resolved promise (a promise is returned as is).', params: [opt('value', t.any)], returns: promise },
    { name: 'reject', doc: 'A rejected promise.', params: [opt('reason', t.any)], returns: promise },
    { name: 'async', doc: 'Runs `fn(...)` as its own task; the promise settles with its result or error.', params: [p('fn', t.fn([rest('args', t.any)], t.any)), rest('args', t.any)], returns: promise },
    { name: 'all', doc: 'Resolves with every value once all resolve; rejects with the first reason.', params: [list], returns: promise },
    { name: 'race', doc: 'Settles like the first promise that settles.', params: [list], returns: promise },
    {
      name: 'await_all',
      doc: 'Waits for every promise: the list of values, or nil + the first reason (or "timeout").',
      params: [list, timeoutS],
      returns: t.array(t.any),
      fails: true,
    },
    {
      name: 'deferred',
      doc: 'A pending promise with its resolve and reject functions.',
      params: [],
      returns: promise,
      lua: { results: [p('promise', promise), p('resolve', t.fn([opt('value', t.any)], t.void)), p('reject', t.fn([opt('reason', t.any)], t.void))] },
    },
    { name: 'is_promise', doc: 'Whether a value is a promise.', params: [p('value', t.any)], returns: t.boolean },
  ],
};

/** `async` (Lua): go-llmspell's callback pump, plus sleep. */
export const ASYNC_MODULE: ApiModule = {
  name: 'async',
  doc: 'go-llmspell compatible helpers for async calls with callbacks.',
  only: 'lua',
  // A Tengo spell's bridge calls simply block; it has no task scheduler (times.sleep waits).
  tengo: false,
  functions: [
    { name: 'pending_count', doc: 'Callbacks (of async calls and `create_callback`) that have not run yet.', params: [], returns: t.integer },
    {
      name: 'process_callbacks',
      doc: 'Lets finished host calls in (a brief yield), runs their callbacks, and returns how many callbacks ran since it last returned. With `timeout_s`, waits up to that long for one when none has run.',
      params: [timeoutS],
      returns: t.integer,
    },
    {
      name: 'create_callback',
      doc: 'Registers `cb(value)` / `errcb(message)` under a new callback id (go-llmspell); `resolve_callback` or `reject_callback` settles it.',
      params: [p('cb', t.fn([p('value', t.any)], t.void)), opt('errcb', t.fn([p('message', t.string)], t.void))],
      returns: t.integer,
    },
    {
      name: 'resolve_callback',
      doc: 'Runs the callback of an id from `create_callback` with `value` (at the next wait or `process_callbacks`).',
      params: [p('id', t.integer), opt('value', t.any)],
      returns: t.boolean,
      lua: { results: [p('ok', t.boolean), opt('err', t.string, 'Why not: the id is not pending.')] },
    },
    {
      name: 'reject_callback',
      doc: 'Runs the error callback of an id from `create_callback` with `message`.',
      params: [p('id', t.integer), opt('message', t.string)],
      returns: t.boolean,
      lua: { results: [p('ok', t.boolean), opt('err', t.string, 'Why not: the id is not pending.')] },
    },
    { name: 'sleep', doc: 'Waits; other tasks go on meanwhile.', params: [p('seconds', t.number)], returns: t.void },
  ],
};

const handler = (name: string) => opt(name, t.fn([p('value', t.any)], t.any));
const methods: ApiFunction[] = [
  { name: 'next', doc: 'A promise of `on_ok(value)` or `on_err(reason)`.', params: [handler('on_ok'), handler('on_err')], returns: promise },
  { name: 'and_then', doc: 'Same as `next`.', params: [handler('on_ok'), handler('on_err')], returns: promise },
  { name: 'catch', doc: 'A promise of `fn(reason)` when this one rejects.', params: [p('fn', t.fn([p('reason', t.any)], t.any))], returns: promise },
  { name: 'finally', doc: 'Runs `fn()` however this promise settles.', params: [p('fn', t.fn([], t.void))], returns: promise },
  { name: 'await', doc: 'Waits until settled: the value, or nil + the reason ("timeout" when `timeout_s` passes first).', params: [timeoutS], returns: t.any, fails: true },
];

/** The Lua promise object. */
export const PROMISE_CLASS: ApiClass = {
  name: 'Promise',
  doc: 'A promise of the `promise` module.',
  only: 'lua',
  tengo: false,
  fields: [p('state', t.union(t.literal('pending'), t.literal('resolved'), t.literal('rejected'))), opt('value', t.any), opt('reason', t.any)],
  methods,
};
