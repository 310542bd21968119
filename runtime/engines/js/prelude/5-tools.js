/**
 * `tools` in JavaScript. Spell tools are `{name, description, parameters, run}`;
 * built-in tools live in the host and come through the same registry. Parameters are checked against
 * the tool's JSON Schema (in the host) before a spell tool runs; calls and results become run events.
 */
const toolRegistry = new $Map(); // name -> { name, description, parameters, run }
let builtinTools;                // name -> { name, description, parameters }, loaded on first use

function loadBuiltins() {
  if (builtinTools) return $Promise.resolve(builtinTools);
  return rpc('tools.builtin_list', []).then(function (list) {
    builtinTools = new $Map();
    for (let i = 0; i < list.length; i++) builtinTools.set(list[i].name, list[i]);
    return builtinTools;
  });
}

/** The tool called name (a spell tool first), or undefined. */
function findTool(name) {
  const own = toolRegistry.get(name);
  if (own) return $Promise.resolve(own);
  return loadBuiltins().then(function (all) { return all.get(name); });
}

function toolInfo(t) {
  return { name: t.name, description: t.description, parameters: t.parameters, builtin: t.run === undefined };
}

/** The definition an LLM sees, for agents; rejects for an unknown tool. */
function toolSpec(name, site) {
  return findTool(name).then(function (t) {
    if (!t) throw failed(site, "unknown tool '" + name + "'", 'unknown_tool');
    return { name: t.name, description: t.description, parameters: t.parameters };
  });
}

function validateTool(t, params) {
  return rpc('tools.validate', [t.parameters, params === undefined ? {} : params]).then(function (r) {
    return { valid: r.valid === true, errors: r.errors || [] };
  });
}

const toolsBridge = {
  register: function (tool) {
    const name = tool.name;
    if (typeof name !== 'string' || name === '') throw new SpellError('tools.register: tool.name must be a non-empty string', 'bad_argument');
    if (typeof tool.description !== 'string') throw new SpellError('tools.register: tool.description must be a string', 'bad_argument');
    if (tool.parameters !== undefined && (tool.parameters === null || typeof tool.parameters !== 'object')) throw new SpellError('tools.register: tool.parameters must be a JSON Schema object', 'bad_argument');
    if (typeof tool.run !== 'function') throw new SpellError('tools.register: tool.run must be a function', 'bad_argument');
    if (toolRegistry.has(name)) throw new SpellError("tool '" + name + "' is already registered", 'tool_exists');
    toolRegistry.set(name, { name: name, description: tool.description, parameters: tool.parameters || { type: 'object' }, run: tool.run });
  },
  execute: function (name, params) {
    const site = new SpellError('', 'tool_error');
    return findTool(name).then(function (t) {
      if (!t) throw failed(site, "unknown tool '" + name + "'", 'unknown_tool');
      const args = params === undefined ? {} : params;
      notify('tool-call', { tool: name, arguments: args });
      const run = t.run === undefined
        ? rpc('tools.builtin_execute', [name, args], site)
        : validateTool(t, args).then(function (v) {
          if (!v.valid) throw failed(site, "invalid parameters for tool '" + name + "': " + v.errors.join('; '), 'invalid_parameters');
          return $Promise.resolve().then(function () { return t.run(args); }).then(undefined, function (e) {
            throw failed(site, "tool '" + name + "' failed: " + describe(e).message, 'tool_failed');
          });
        });
      return run.then(function (value) {
        notify('tool-result', { tool: name, ok: true, result: value });
        return value;
      }, function (e) {
        notify('tool-result', { tool: name, ok: false, error: describe(e).message });
        throw e;
      });
    });
  },
  get: function (name) {
    const site = new SpellError('', 'unknown_tool');
    return findTool(name).then(function (t) {
      if (!t) throw failed(site, "unknown tool '" + name + "'");
      return toolInfo(t);
    });
  },
  list: function () {
    return loadBuiltins().then(function (all) {
      const byName = new $Map(all);
      toolRegistry.forEach(function (t, name) { byName.set(name, t); });
      const names = [];
      byName.forEach(function (_t, name) { names.push(name); });
      names.sort();
      return names.map(function (n) { return toolInfo(byName.get(n)); });
    });
  },
  remove: function (name) {
    if (!toolRegistry.has(name)) throw new SpellError("unknown script tool '" + name + "'", 'unknown_tool');
    toolRegistry.delete(name);
  },
  validate: function (name, params) {
    const site = new SpellError('', 'unknown_tool');
    return findTool(name).then(function (t) {
      if (!t) throw failed(site, "unknown tool '" + name + "'");
      return validateTool(t, params);
    });
  },
};
