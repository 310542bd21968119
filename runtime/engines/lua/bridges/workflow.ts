/**
 * `workflow`: compose steps inside a Lua spell. `workflow.sequential`, `.parallel`, `.conditional`
 * and `.loop` build workflow objects from steps: Lua functions, `{llm = "prompt {{input}}"}`,
 * `{tool = name, params = ...}`, `{agent = agent_or_name}`, or other workflow objects. They run in
 * the VM on the existing globals (parallel branches as concurrent tasks). `workflow.load(path)` loads
 * a workflow file that runs in the host. `wf:run(input)` → output, or nil + message.
 */
import { LUA_WORKFLOW_PATTERNS } from './workflow-patterns';
import { LUA_WORKFLOW_STEPS } from './workflow-steps';

/** The bridge source: the step runner, then the four patterns, then files and `workflow.output`. */
export const LUA_WORKFLOW_BRIDGE = String.raw`
__llmspell_bridge("workflow", function(kit, env)
  local workflow = {}
  local Workflow = {}
  Workflow.__index = Workflow
  Workflow.__name = "workflow"
  local function is_workflow(v) return type(v) == "table" and getmetatable(v) == Workflow end

  --- A workflow object; runner(self, input) returns the output, or nil + message.
  local function new(kind, spec, runner)
    return setmetatable({ kind = kind, name = spec.name or kind, description = spec.description, _runner = runner }, Workflow)
  end

  function Workflow:run(input, opts)
    if not is_workflow(self) then error("workflow: call run with a colon: wf:run(input)", 2) end
    local r = kit.pack(pcall(self._runner, self, input, opts))
    if not r[1] then return nil, "workflow '" .. self.name .. "': " .. tostring(r[2]) end
    if r[2] == nil and r[3] ~= nil then return nil, "workflow '" .. self.name .. "': " .. tostring(r[3]) end
    return r[2]
  end
  Workflow.execute = Workflow.run

  local function check_spec(fname, spec)
    if type(spec) ~= "table" then error(("workflow.%s: bad argument #1 (table expected, got %s)"):format(fname, type(spec)), 3) end
    if spec.name ~= nil and type(spec.name) ~= "string" then error(("workflow.%s: name must be a string"):format(fname), 3) end
  end
${LUA_WORKFLOW_STEPS}
${LUA_WORKFLOW_PATTERNS}
  --- Loads a workflow file (relative to the working folder); it runs in the host: wf:run(inputs).
  function workflow.load(path)
    if type(path) ~= "string" then error("workflow.load: bad argument #1 (string expected, got " .. type(path) .. ")", 2) end
    local info, err = kit.call("workflow.load_file", path)
    if not info then return nil, err end
    local wf = new("file", { name = info.name, description = info.description }, function(_, inputs, opts)
      if inputs ~= nil and type(inputs) ~= "table" then return nil, "inputs must be a table" end
      opts = opts or {}
      if type(opts.on_event) ~= "function" then return kit.call("workflow.run_file", path, inputs or {}, {}) end
      local id = kit.start_call("workflow.run_file", path, inputs or {}, { events = true })
      kit.listeners[id] = function(event) pcall(opts.on_event, event) end
      local ok, value = kit.await_rpc(id)
      if ok then return value end
      return nil, value
    end)
    wf.path, wf.inputs, wf.outputs = path, info.inputs, info.outputs
    return wf
  end

  --- Hands a value back to the workflow node that runs this spell or script.
  function workflow.output(value)
    return kit.call("workflow.output", value)
  end

  workflow.is_workflow = is_workflow
  return workflow
end)
`;
