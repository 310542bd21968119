/**
 * Installs the bridges as globals. Every function gets the argument checks derived
 * from the bridge description (engines/arg-specs.ts); a function described but not implemented, or implemented
 * but not described, fails the boot, so the description and the engine cannot drift apart.
 */
const KIND_TESTS = {
  string: function (v) { return typeof v === 'string'; },
  number: function (v) { return typeof v === 'number'; },
  integer: function (v) { return NumberIsInteger(v); },
  boolean: function (v) { return typeof v === 'boolean'; },
  function: function (v) { return typeof v === 'function'; },
  object: function (v) { return v !== null && typeof v === 'object' && !ArrayIsArray(v); },
  array: function (v) { return ArrayIsArray(v); },
  any: function () { return true; },
};
const KIND_TEXT = { string: 'a string', number: 'a number', integer: 'an integer', boolean: 'a boolean', function: 'a function', object: 'an object', array: 'an array' };

function kindOf(v) {
  if (v === null) return 'null';
  if (ArrayIsArray(v)) return 'an array';
  return typeof v;
}

/**
 * fn behind a check of its arguments ([name, kinds, optional] each): a SpellError('bad_argument'),
 * made here so its stack names the spell's line, thrown, or for an async function rejected; an async
 * function's promise is the spell's Promise (watched for unhandled rejections).
 */
function checked(label, fn, spec) {
  const params = spec.params;
  const wrapper = function () {
    for (let i = 0; i < params.length; i++) {
      const param = params[i];
      const value = arguments[i];
      if (param[2] && (value === undefined || value === null)) continue;
      const kinds = param[1];
      let ok = false;
      for (let k = 0; k < kinds.length && !ok; k++) ok = KIND_TESTS[kinds[k]](value);
      if (!ok) {
        const expected = kinds.map(function (k) { return KIND_TEXT[k]; }).join(' or ');
        const error = new SpellError(label + ': ' + param[0] + ' must be ' + expected + ', got ' + kindOf(value), 'bad_argument');
        if (spec.async) return SpellPromise.reject(error);
        throw error;
      }
    }
    const result = ReflectApply(fn, undefined, arguments);
    // The spell's own Promise, so a failed call nobody handles is reported (2-scheduler.js).
    return spec.async && result instanceof $Promise ? SpellPromise.resolve(result) : result;
  };
  ObjectDefineProperty(wrapper, 'name', { value: label.slice(label.lastIndexOf('.') + 1) });
  return wrapper;
}

function defineGlobal(name, value) {
  ObjectDefineProperty(globalThis, name, { value: value, writable: true, configurable: true, enumerable: false });
}

const implementations = {
  llm: llmBridge, tools: toolsBridge, agents: agentsBridge, workflow: workflowBridge, json: jsonBridge,
  storage: storageBridge, http: httpBridge, log: logBridge, console: consoleBridge, io: ioBridge, mcp: mcpBridge, spell: spellBridge,
  globals: {
    fetch: fetch, setTimeout: setTimeout, clearTimeout: clearTimeout, setInterval: setInterval, clearInterval: clearInterval,
    queueMicrotask: queueMicrotask,
  },
};

(function install() {
  const described = JSONparse(specsJson);
  ObjectKeys(implementations).forEach(function (module) {
    if (!described[module]) throw new $Error('prelude: the bridge ' + module + ' is not in the bridge description');
  });
  ObjectKeys(described).forEach(function (module) {
    const impl = implementations[module];
    if (!impl) throw new $Error('prelude: no JavaScript bridge for ' + module);
    const functions = described[module];
    ObjectKeys(impl).forEach(function (name) {
      if (!functions[name]) throw new $Error('prelude: ' + module + '.' + name + ' is not in the bridge description');
    });
    const face = {};
    ObjectKeys(functions).forEach(function (name) {
      if (typeof impl[name] !== 'function') throw new $Error('prelude: ' + module + '.' + name + ' is described but not implemented');
      const label = module === 'globals' ? name : module + '.' + name;
      face[name] = checked(label, impl[name], functions[name]);
    });
    if (module === 'globals') ObjectKeys(face).forEach(function (name) { defineGlobal(name, face[name]); });
    else defineGlobal(module, ObjectFreeze(face));
  });
  defineGlobal('SpellError', SpellError);
})();
