/**
 * The pure bridges — `console`, `log`, `json`, `workflow` — and the globals
 * `setTimeout`/`clearTimeout` (from the scheduler). Each builds a plain object of functions; 9-entry.js
 * wraps them with the argument checks derived from the bridge description.
 */
/** How console shows a value: strings as they are, anything else as JSON-like text. */
function show(value) {
  switch (typeof value) {
    case 'string': return value;
    case 'undefined': return 'undefined';
    case 'function': return '[Function' + (value.name ? ': ' + value.name : '') + ']';
    case 'object':
      if (value === null) return 'null';
      if (value instanceof $Error) return describe(value).name + ': ' + describe(value).message;
      return safeJson(value) || $String(value);
    default: return $String(value);
  }
}

function printer(stream) {
  return function () {
    const parts = [];
    for (let i = 0; i < arguments.length; i++) parts.push(show(arguments[i]));
    host.write(stream, parts.join(' ') + '\n');
  };
}

const consoleBridge = { log: printer('stdout'), info: printer('stdout'), warn: printer('stderr'), error: printer('stderr') };

/** io: a line typed by the user (await io.read()), and raw output without a newline. */
const ioBridge = {
  read: function (format) {
    const f = format === undefined ? 'l' : format;
    return rpc('io.read', [f]).then(function (value) {
      if (f === 'n') return value === null || value === undefined ? null : (isNaN(Number(value)) ? null : Number(value));
      return value === undefined ? null : value;
    });
  },
  write: function () {
    let text = '';
    for (let i = 0; i < arguments.length; i++) text += $String(arguments[i]);
    host.write('stdout', text);
  },
};

function logger(level) {
  return function (message, fields) {
    host.log(level, $String(message), (fields === undefined ? undefined : safeJson(fields)) || '{}');
  };
}

const logBridge = { debug: logger('debug'), info: logger('info'), warn: logger('warn'), error: logger('error') };

const jsonBridge = {
  encode: function (value) {
    let text;
    try {
      text = JSONstringify(value);
    } catch (e) {
      throw new SpellError('json.encode: ' + describe(e).message, 'json_error');
    }
    if (text === undefined) throw new SpellError('json.encode: cannot encode ' + typeof value + ' as JSON', 'json_error');
    return text;
  },
  decode: function (text) {
    try {
      return JSONparse(text);
    } catch {
      throw new SpellError(host.jsonError(text), 'json_error'); // Lua's json.decode says the same
    }
  },
};

const workflowBridge = {
  parallel: function (steps) {
    return $Promise.all(steps.map(function (step, i) {
      if (typeof step !== 'function') throw new SpellError('workflow.parallel: steps[' + i + '] must be a function, got ' + typeof step, 'bad_argument');
      try {
        return step();
      } catch (e) {
        return $Promise.reject(e);
      }
    }));
  },
};
