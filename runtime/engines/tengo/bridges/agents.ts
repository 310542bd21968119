/**
 * `agents` for Tengo, with Lua's names: `agents.register(name, fn)` (a Tengo function
 * `fn(input, options)`, or a map with an `execute` function), and `agents.create({...})`, a real LLM
 * agent whose turns run in the host's agent loop over the spell's tools (the same loop as Lua's and
 * JavaScript's agents). An agent object is an immutable map whose functions are called with a dot:
 * `agent.run("hi")`. Failures are error values.
 */
import { toJs } from '../interop';
import { arrayItems, isCallable, mapEntries, newArray, TError, TFloat, type ImmutableMap, type Value } from '../values';
import type { Kit } from './kit';
import { llmAgent, type AgentSettings } from './llm-agent';

/** What the agents module needs of the tools module: a tool's spec for the LLM, and running one. */
export interface ToolAccess {
  spec(name: string): Record<string, unknown> | undefined;
  /** Whether the spell defined the tool (the host's agent loop then asks this engine to run it). */
  isSpell(name: string): boolean;
  execute(name: string, params: Value): Value;
}

export function agentsModule(kit: Kit, tools: () => ToolAccess): ImmutableMap {
  const registry = new Map<string, Value>();
  const lookup = (name: Value): Value | TError => (typeof name === 'string' && registry.has(name) ? registry.get(name) : new TError(`unknown agent '${String(name)}'`));
  /** A registered agent's function by name (`execute`, `stream`, ...), if it has one. */
  const member = (agent: Value, name: string): Value => (isCallable(agent) ? (name === 'execute' ? agent : undefined) : mapEntries(agent)?.get(name));

  const create = (spec: Value): Value => {
    const m = mapEntries(spec);
    const name = m?.get('name');
    if (typeof name !== 'string' || name === '') return new TError("agents.create: 'name' must be a non-empty string");
    const maxSteps = m!.get('max_steps') ?? 10;
    if (typeof maxSteps !== 'number' || maxSteps < 1) return new TError("agents.create: 'max_steps' must be a positive integer");
    const str = (k: string) => (typeof m!.get(k) === 'string' ? (m!.get(k) as string) : undefined);
    const temperature = m!.get('temperature');
    const settings: AgentSettings = {
      name,
      maxSteps,
      model: str('model'),
      systemPrompt: str('system_prompt'),
      temperature: temperature instanceof TFloat ? temperature.v : typeof temperature === 'number' ? temperature : undefined,
    };
    const provider = str('provider');
    if (provider) {
      const r = kit.call('llm.set_provider', provider);
      if (r instanceof TError) return new TError(`agents.create: ${String(toJs(r.value))}`);
    }
    const agent = llmAgent(kit, tools(), settings);
    for (const tool of arrayItems(m!.get('tools')) ?? []) {
      const added = agent.addTool(tool);
      if (added instanceof TError) return new TError(`agents.create: ${String(toJs(added.value))}`);
    }
    registry.set(name, agent.value);
    return agent.value;
  };

  return kit.module('agents', {
    create: ([spec]) => create(spec),
    register: ([name, fn]) => {
      if (typeof name !== 'string' || name === '') return new TError('agents.register: the name must be a non-empty string');
      if (!isCallable(fn) && !isCallable(mapEntries(fn)?.get('execute'))) return new TError(`agent '${name}' must be a function(input, options) or a map with an execute function`);
      registry.set(name, fn);
      return true;
    },
    execute: ([name, input, options]) => {
      const agent = lookup(name);
      return agent instanceof TError ? agent : kit.callback(member(agent, 'execute'), [input, options]);
    },
    stream: ([name, input, callback, options]) => {
      const agent = lookup(name);
      if (agent instanceof TError) return agent;
      const stream = member(agent, 'stream');
      if (isCallable(stream)) return kit.callback(stream, [input, options, callback]);
      // An agent without stream() sends its whole answer once.
      const r = kit.callback(member(agent, 'execute'), [input, options]);
      if (!(r instanceof TError) && r !== undefined) kit.m.call(callback, [r]);
      return r;
    },
    get: ([name]) => lookup(name),
    remove: ([name]) => (typeof name === 'string' && registry.delete(name) ? true : new TError(`unknown agent '${String(name)}'`)),
    update_system_prompt: ([name, prompt]) => {
      const agent = lookup(name);
      if (agent instanceof TError) return agent;
      const set = member(agent, 'set_system_prompt');
      if (!isCallable(set)) return new TError(`agent '${String(name)}' has no set_system_prompt`);
      kit.m.call(set, [prompt]);
      return true;
    },
    add_tool: ([name, tool]) => {
      const agent = lookup(name);
      if (agent instanceof TError) return agent;
      const add = member(agent, 'add_tool');
      if (!isCallable(add)) return new TError(`agent '${String(name)}' has no add_tool`);
      return kit.m.call(add, [tool]);
    },
    list: () => newArray([...registry.keys()].sort()),
  });
}
