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

/** Runs one step of a workflow pattern: a function of the input, or a workflow object (anything with run). */
function runStep(step, input, label) {
  return $Promise.resolve().then(function () {
    if (typeof step === 'function') return step(input);
    if (step !== null && typeof step === 'object' && typeof step.run === 'function') return step.run(input);
    throw new SpellError(label + ' must be a function or a workflow, got ' + typeof step, 'bad_argument');
  });
}

/** A workflow object as the patterns make it: `run(input)` resolves with the output. */
function workflowObject(kind, spec, runner) {
  const name = $String(spec.name || kind);
  const run = function (input) {
    return $Promise.resolve().then(function () { return runner(input); }).then(undefined, function (e) {
      const d = describe(e);
      throw new SpellError("workflow '" + name + "': " + d.message, d.code || 'workflow_error');
    });
  };
  return ObjectFreeze({ kind: kind, name: name, description: spec.description, run: run, execute: run });
}

function specOf(fname, spec) {
  if (spec === null || typeof spec !== 'object') throw new SpellError('workflow.' + fname + ': spec must be an object, got ' + typeof spec, 'bad_argument');
  return spec;
}

/** Step names: a step's own `name`, else "step N". */
function stepName(step, i) {
  return step !== null && typeof step === 'object' && typeof step.name === 'string' ? step.name : 'step ' + (i + 1);
}

const workflowBridge = {
  sequential: function (spec) {
    const steps = specOf('sequential', spec).steps;
    if (!ArrayIsArray(steps)) throw new SpellError('workflow.sequential: steps must be an array', 'bad_argument');
    return workflowObject('sequential', spec, function (input) {
      let chain = $Promise.resolve(input);
      steps.forEach(function (step, i) {
        chain = chain.then(function (value) {
          return runStep(step, value, stepName(step, i)).then(undefined, function (e) {
            throw new SpellError("step '" + stepName(step, i) + "' failed: " + describe(e).message, describe(e).code);
          });
        });
      });
      return chain;
    });
  },
  conditional: function (spec) {
    specOf('conditional', spec);
    if (typeof spec.condition !== 'function') throw new SpellError('workflow.conditional: condition must be a function of the input', 'bad_argument');
    if (spec.branches === null || typeof spec.branches !== 'object') throw new SpellError('workflow.conditional: branches must be an object', 'bad_argument');
    return workflowObject('conditional', spec, function (input) {
      return $Promise.resolve(spec.condition(input)).then(function (key) {
        let branch = spec.branches[key];
        if (branch === undefined && typeof key === 'boolean') branch = spec.branches[$String(key)];
        if (branch === undefined) branch = spec.default;
        if (branch === undefined) throw new SpellError('no branch for ' + JSONstringify(key) + ' and no default', 'workflow_error');
        return runStep(branch, input, 'branch ' + $String(key));
      });
    });
  },
  loop: function (spec) {
    specOf('loop', spec);
    const step = spec.step || spec.body;
    if (step === undefined) throw new SpellError('workflow.loop: step must be given', 'bad_argument');
    const max = spec.maxIterations || 10;
    return workflowObject('loop', spec, function (input) {
      if (spec.forEach !== undefined) {
        const items = spec.forEach === true ? input : typeof spec.forEach === 'function' ? spec.forEach(input) : spec.forEach;
        if (!ArrayIsArray(items)) throw new SpellError('forEach needs an array', 'workflow_error');
        const results = [];
        let chain = $Promise.resolve();
        items.forEach(function (item, i) {
          chain = chain.then(function () { return runStep(step, item, 'iteration ' + (i + 1)); }).then(function (out) { results.push(out); });
        });
        return chain.then(function () { return results; });
      }
      const rounds = spec.count || max;
      const round = function (value, i) {
        if (i > rounds) {
          if ((spec.while || spec.until) && spec.onLimit !== 'finish') throw new SpellError('reached maxIterations (' + max + ") before the loop's condition ended it", 'workflow_error');
          return value;
        }
        if (spec.while && !spec.while(value, i)) return value;
        return runStep(step, value, 'iteration ' + i).then(function (out) {
          if (spec.until && spec.until(out, i)) return out;
          return round(out, i + 1);
        });
      };
      return round(input, 1);
    });
  },
  runFile: function (path, inputs) {
    return rpc('workflow.run_file', [path, inputs === undefined || inputs === null ? {} : inputs, {}]);
  },
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
