/**
 * Timers (a binary heap ordered by due time, then id), the spell's main promise, and
 * the functions js-engine.ts drives: `setParams(json)`, `start(namespace)`, `tick(completionsJson)`
 * (delivers host answers, then fires at most one due timer) and `status()` (JSON text).
 */
const heap = [];               // { at, id }
const timers = new $Map();     // id -> { fn, args }
let nextTimerId = 1;

function before(a, b) { return a.at < b.at || (a.at === b.at && a.id < b.id); }
function heapPush(item) {
  let i = heap.length;
  heap.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i], heap[parent])) break;
    const t = heap[i]; heap[i] = heap[parent]; heap[parent] = t;
    i = parent;
  }
}
function heapPop() {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l], heap[m])) m = l;
      if (r < heap.length && before(heap[r], heap[m])) m = r;
      if (m === i) break;
      const t = heap[i]; heap[i] = heap[m]; heap[m] = t;
      i = m;
    }
  }
  return top;
}
/** The earliest live timer, dropping cleared ones. */
function peekTimer() {
  while (heap.length > 0 && !timers.has(heap[0].id)) heapPop();
  return heap[0];
}

function setTimeout(fn, delay) {
  if (typeof fn !== 'function') throw new $TypeError('setTimeout: callback must be a function, got ' + typeof fn);
  let ms = +delay;
  if (!(ms > 0)) ms = 0;
  const id = nextTimerId++;
  timers.set(id, { fn: fn, args: ArraySlice.call(arguments, 2) });
  heapPush({ at: host.now() + ms, id: id });
  return id;
}
function clearTimeout(id) {
  timers.delete(id);
}

/** Calls `fn(...args)` every `delay` ms (at least 1) until clearInterval; the first call after one delay. */
function setInterval(fn, delay) {
  if (typeof fn !== 'function') throw new $TypeError('setInterval: callback must be a function, got ' + typeof fn);
  let ms = +delay;
  if (!(ms >= 1)) ms = 1; // an interval of 0 would starve everything else
  const id = nextTimerId++;
  timers.set(id, { fn: fn, args: ArraySlice.call(arguments, 2), every: ms });
  heapPush({ at: host.now() + ms, id: id });
  return id;
}
function clearInterval(id) {
  timers.delete(id);
}

/** Runs `fn` after the current job, before any timer; an error in it ends the run, as in Node. */
function queueMicrotask(fn) {
  if (typeof fn !== 'function') throw new $TypeError('queueMicrotask: callback must be a function, got ' + typeof fn);
  $Promise.resolve().then(function () { fn(); }).then(undefined, fail);
}

// ---- the run ----------------------------------------------------------------------------------
let phase = 'running';   // 'running' | 'done' | 'failed'
let resultJson;          // JSON text of main's value, when it has one
let failure;             // { name, message, stack, code } of the error that ended the run

/** A thrown value as plain strings (its getters may be the spell's: guard everything). */
function describe(e) {
  try {
    if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
      const code = e.code;
      return { name: $String(e.name || ''), message: $String(e.message === undefined ? e : e.message), stack: $String(e.stack || ''), code: typeof code === 'string' ? code : undefined };
    }
    return { name: '', message: $String(e), stack: '' };
  } catch {
    return { name: '', message: 'a thrown value that cannot be described', stack: '' };
  }
}

function fail(e) {
  if (phase === 'failed') return;
  phase = 'failed';
  failure = describe(e);
}

// ---- unhandled promise rejections ---------------------------------------------------------------
// QuickJS's rejection tracker is not reachable through quickjs-emscripten, so the spell's global
// Promise is a subclass that watches its instances: a rejected one that has no handler once the job
// queue drains (status() runs then) ends the run, as Node does. `await` on such a promise goes
// through its `then` (it is not the intrinsic Promise), so awaiting counts as handling it. An async
// function's own result is intrinsic: async-watch.ts rewrites the spell's async functions so that
// they return a watched promise instead (through __llmspell_async below).
const $then = $Promise.prototype.then;
const unhandledRejections = new $Map(); // promise -> reason
const handledPromises = new WeakSet();
let observing = false;

/**
 * Notes `p`'s rejection, unless a handler is attached by the time it is reported. `exact`: `p` is a
 * SpellPromise itself (no subclass), so only QuickJS's own code runs in `then`.
 */
function watchRejection(p, exact) {
  observing = true; // the observer's own derived promise is not watched
  try {
    $then.call(p, undefined, function (reason) {
      if (!handledPromises.has(p)) unhandledRejections.set(p, reason);
    });
  } catch (e) {
    // At the memory limit QuickJS's `then` fails with "TypeError: not a function" (an allocation in
    // it failed): say what happened, so the run ends as over its memory limit.
    throw exact && e instanceof $TypeError ? new $Error('out of memory') : e;
  } finally {
    observing = false;
  }
}

const SpellPromise = class Promise extends $Promise {
  /** @param {any} executor */
  constructor(executor) {
    super(executor);
    if (!observing) watchRejection(this, new.target === SpellPromise);
  }
  /** @override @param {any} onFulfilled @param {any} onRejected */
  then(onFulfilled, onRejected) {
    // The derived promise (watched, being one of ours) carries an unhandled rejection on.
    handledPromises.add(this);
    unhandledRejections.delete(this);
    return super.then(onFulfilled, onRejected);
  }
  /** Async functions' results are intrinsic promises: still `instanceof Promise`. @override @param {unknown} value */
  static [Symbol.hasInstance](value) {
    return value instanceof $Promise;
  }
};
ObjectDefineProperty(globalThis, 'Promise', { value: SpellPromise, writable: true, configurable: true });

/**
 * What a rewritten async function returns (see async-watch.ts): runs `body` (the original body, an
 * async arrow) with `args` when its parameters moved into it, and gives its settlement to a watched
 * promise. `name` names the arrow in stack traces as the function was named; `newTarget` keeps an
 * async function from being constructed, as before.
 */
function spellAsync(body, name, args, newTarget) {
  if (newTarget !== undefined) throw new $TypeError((name || 'an async function') + ' is not a constructor');
  if (name) ObjectDefineProperty(body, 'name', { value: name, configurable: true });
  const inner = args === undefined ? body() : ReflectApply(body, undefined, args);
  return new SpellPromise(function (resolve, reject) {
    $then.call(inner, resolve, reject);
  });
}
ObjectDefineProperty(globalThis, '__llmspell_async', { value: spellAsync });

/** Ends the run with the first rejection nobody handled while the job queue ran. */
function checkRejections() {
  if (unhandledRejections.size === 0) return;
  const reason = unhandledRejections.values().next().value;
  unhandledRejections.clear();
  const d = describe(reason);
  if (phase === 'failed') return;
  fail({ name: '', message: 'unhandled promise rejection: ' + d.message, stack: d.stack, code: d.code });
  failure.plain = true; // the message says what happened: no "uncaught" before it
}

let spellParams = {};

/** Sets the params global; called before the spell's module is evaluated. */
function setParams(paramsJson) {
  spellParams = JSONparse(paramsJson);
  ObjectDefineProperty(globalThis, 'params', { value: spellParams, writable: true, configurable: true });
}

/** Runs the module's default export (if a function) with the params, once its evaluation settles. */
function start(namespace) {
  $Promise.resolve(namespace)
    .then(function (ns) {
      const main = ns.default;
      return typeof main === 'function' ? main(spellParams) : main;
    })
    .then(function (value) {
      if (phase !== 'running') return;
      if (value !== undefined) {
        try {
          resultJson = JSONstringify(value);
        } catch (e) {
          return fail(new $TypeError('the value main() returned is not JSON: ' + describe(e).message));
        }
      }
      phase = 'done';
    }, fail);
}

function tick(completionsJson) {
  const list = JSONparse(completionsJson);
  try {
    for (let i = 0; i < list.length; i++) deliver(list[i]);
    const due = peekTimer();
    if (due && due.at <= host.now()) {
      heapPop();
      const timer = timers.get(due.id);
      // An interval is due again one period later (from now: a slow callback does not pile calls up).
      if (timer.every) heapPush({ at: host.now() + timer.every, id: due.id });
      else timers.delete(due.id);
      timer.fn.apply(undefined, timer.args);
    }
  } catch (e) {
    fail(e); // an uncaught error in a callback ends the run, as in Node
  }
}

function status() {
  if (phase !== 'failed') checkRejections();
  const next = peekTimer();
  return JSONstringify({ phase: phase, pending: pending.size, next: next ? next.at : null, result: resultJson, error: failure });
}
