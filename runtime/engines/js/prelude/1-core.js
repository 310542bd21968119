/**
 * Runs inside QuickJS. The intrinsics the prelude relies on, captured
 * before any spell code can replace them; `SpellError`; host calls as promises (`rpc`), stream
 * listeners and their cancellation; JSON-safe text for the host.
 */
const JSONparse = JSON.parse;
const JSONstringify = JSON.stringify;
const $Promise = Promise;
const $Error = Error;
const $TypeError = TypeError;
const $String = String;
const $Map = Map;
const ObjectFreeze = Object.freeze;
const ObjectKeys = Object.keys;
const ObjectDefineProperty = Object.defineProperty;
const ArrayIsArray = Array.isArray;
const NumberIsInteger = Number.isInteger;
const ArraySlice = Array.prototype.slice;
const ReflectApply = Reflect.apply;

/** What a failing bridge call throws; code is machine-readable (bad_argument, llm_http, ...). */
class SpellError extends $Error {
  constructor(message, code) {
    super(message);
    this.code = code === undefined ? 'spell_error' : $String(code);
  }
}
ObjectDefineProperty(SpellError.prototype, 'name', { value: 'SpellError', writable: true, configurable: true });

/** Fills in a SpellError made where the spell called (so its stack names the spell's line). */
function failed(site, message, code) {
  site.message = $String(message);
  if (code !== undefined) site.code = $String(code);
  return site;
}

/** JSON text of a value, or undefined when it has none; never throws (cycles become "[Circular]"). */
function safeJson(value) {
  const seen = [];
  try {
    return JSONstringify(value, function (key, v) {
      if (typeof v === 'bigint') return $String(v);
      if (typeof v === 'function') return '[Function' + (v.name ? ': ' + v.name : '') + ']';
      if (v !== null && typeof v === 'object') {
        if (seen.indexOf(v) >= 0) return '[Circular]';
        seen.push(v);
      }
      return v;
    });
  } catch {
    return undefined;
  }
}

// ---- host calls -------------------------------------------------------------------------------
const pending = new $Map();   // rpc id -> { resolve, reject, site }
const listeners = new $Map(); // rpc id -> function(event), for stream chunks

/** Starts host call method(...args); returns its id. */
function startCall(method, args) {
  return host.call(method, JSONstringify(args));
}

/** A promise of host call id's answer; a failure rejects with site (a SpellError or TypeError). */
function awaitCall(id, site) {
  return new $Promise(function (resolve, reject) {
    pending.set(id, { resolve: resolve, reject: reject, site: site });
  });
}

/** Calls a host bridge method: a promise of its value; rejects with a SpellError. */
function rpc(method, args, site) {
  return awaitCall(startCall(method, args), site || new SpellError('', 'bridge_error'));
}

/** Abandons host call id: the host is told to cancel, its promise rejects with message. */
function cancelCall(id, message, code) {
  const target = pending.get(id);
  pending.delete(id);
  listeners.delete(id);
  host.cancel(id);
  if (target) target.reject(failed(target.site, message, code));
}

/** Hands one host completion to whoever waits for it. */
function deliver(c) {
  if (c.kind === 'event') {
    const listener = listeners.get(c.id);
    if (listener) listener(c.event);
    return;
  }
  const target = pending.get(c.id);
  if (!target) return;
  pending.delete(c.id);
  listeners.delete(c.id);
  if (c.ok) target.resolve(c.value);
  else target.reject(failed(target.site, c.error, c.code || 'bridge_error'));
}

/** Tells the host about a notable step (tool call, tool result) for the run's event stream. */
function notify(name, data) {
  host.notify(name, safeJson(data) || '{}');
}
