/**
 * `workflow` for Tengo, with Lua's names and step kinds: `workflow.sequential`, `.parallel`,
 * `.conditional` and `.loop` build workflow objects from steps (Tengo functions `func(input)` or
 * `func(input, state)`, maps `{llm: "prompt {{input}}"}`, `{tool: name, params: ...}`,
 * `{agent: name}`, `{run: step}`, or other workflow objects); `workflow.load(path)` loads a workflow
 * file that runs in the host; `workflow.output(value)` hands a value to the workflow node running
 * this spell. A workflow object is an immutable map: `wf.run(input)` → output, or an error value.
 * A Tengo spell has no task scheduler, so the branches of `parallel` run one after another.
 */
import { runtimeError } from '../errors';
import { toJs } from '../interop';
import { toText } from '../to-string';
import { arrayItems, ImmutableMap, isCallable, isFalsy, mapEntries, newArray, TBuiltin, TError, typeName, type Value } from '../values';
import type { Kit } from './kit';

type Runner = (input: Value, opts: Value) => Value;
type Modules = (name: string) => Value | undefined;

export function workflowModule(kit: Kit, modules: Modules): ImmutableMap {
  const objects = new WeakSet<ImmutableMap>();
  const isWorkflow = (v: Value): v is ImmutableMap => v instanceof ImmutableMap && objects.has(v);
  const bridge = (module: string, fn: string) => mapEntries(modules(module))!.get(fn)!;
  const failed = (name: string, e: TError) => new TError(`workflow '${name}': ${toText(e.value)}`);

  const make = (kind: string, spec: Map<string, Value> | undefined, runner: Runner, extra: [string, Value][] = []): ImmutableMap => {
    const name = typeof spec?.get('name') === 'string' ? (spec.get('name') as string) : kind;
    const run = new TBuiltin(`${name}.run`, ([input, opts]) => {
      const r = runner(input, opts);
      return r instanceof TError ? failed(name, r) : r;
    });
    const wf = new ImmutableMap(new Map<string, Value>([['kind', kind], ['name', name], ['description', spec?.get('description')], ['run', run], ['execute', run], ...extra]));
    objects.add(wf);
    return wf;
  };

  /** Calls a step function with as many of (input, state) as it takes. */
  const callStep = (fn: Value, input: Value, state: Value): Value => kit.callback(fn, [input, state]);

  const runStep = (step: Value, input: Value, state: Map<string, Value>): Value => {
    if (isWorkflow(step)) return kit.m.call(step.map.get('run'), [input]);
    if (isCallable(step)) return callStep(step, input, state);
    const m = mapEntries(step);
    if (!m) return new TError(`a step must be a function, a workflow, or a map with llm, tool, agent or run (got ${typeName(step)})`);
    const scope = (path: string) => lookup(path === 'input' || path.startsWith('input.') ? new Map([['input', input]]) : state, path);
    if (m.has('llm')) {
      const prompt = m.get('llm');
      if (typeof prompt !== 'string') return new TError('llm must be a prompt string');
      const opts = new Map<string, Value>();
      for (const k of ['model', 'temperature', 'max_tokens']) if (m.get(k) !== undefined) opts.set(k, m.get(k));
      const system = m.get('system');
      if (typeof system === 'string') opts.set('system', render(system, scope));
      const schema = m.get('schema');
      if (schema !== undefined) return kit.m.call(bridge('llm', 'chat_json'), [render(prompt, scope), schema, opts]);
      return kit.m.call(bridge('llm', 'chat'), [render(prompt, scope), opts]);
    }
    if (m.has('tool')) {
      let params = m.get('params');
      if (isCallable(params)) params = callStep(params, input, state);
      else if (params === undefined) params = mapEntries(input) ? input : new Map([['input', input]]);
      else params = renderDeep(params, scope);
      if (params instanceof TError) return params;
      return kit.m.call(bridge('tools', 'execute'), [m.get('tool'), params]);
    }
    if (m.has('agent')) {
      const prompt = typeof m.get('prompt') === 'string' ? render(m.get('prompt') as string, scope) : show(input);
      const agent = m.get('agent');
      if (typeof agent === 'string') return kit.m.call(bridge('agents', 'execute'), [agent, prompt]);
      const execute = mapEntries(agent)?.get('execute');
      if (isCallable(execute)) return kit.callback(execute, [prompt, undefined]);
      return new TError('agent must be an agent or the name of a registered one');
    }
    if (m.has('run')) return runStep(m.get('run'), input, state);
    return new TError('a step map needs llm, tool, agent or run');
  };

  /** Steps in order with their names: an array (names from `name` fields), or a map sorted by key. */
  const stepsOf = (fname: string, spec: Map<string, Value>): [string, Value][] => {
    const raw = spec.get('steps');
    const list = arrayItems(raw);
    const named: [string, Value][] = list
      ? list.map((s, i) => [typeof mapEntries(s)?.get('name') === 'string' ? (mapEntries(s)!.get('name') as string) : `step ${i + 1}`, s])
      : [...(mapEntries(raw) ?? new Map<string, Value>())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (!list && !mapEntries(raw)) throw argError(`workflow.${fname}: steps must be an array or a map of steps`);
    if (named.length === 0) throw argError(`workflow.${fname}: steps is empty`);
    return named;
  };

  const specOf = (fname: string, spec: Value): Map<string, Value> => {
    const m = mapEntries(spec);
    if (!m) throw argError(`workflow.${fname}: the spec must be a map`);
    return m;
  };

  return kit.module('workflow', {
    sequential: ([s]) => {
      const spec = specOf('sequential', s);
      const steps = stepsOf('sequential', spec);
      return make('sequential', spec, (input) => {
        const results = new Map<string, Value>();
        const state = new Map<string, Value>([['results', results]]);
        let value = input;
        for (const [name, step] of steps) {
          const out = runStep(step, value, state);
          if (out instanceof TError) return new TError(`step '${name}' failed: ${toText(out.value)}`);
          value = out;
          results.set(name, out);
        }
        return value;
      });
    },
    parallel: ([s]) => {
      const spec = specOf('parallel', s);
      const steps = stepsOf('parallel', spec);
      const mode = spec.get('aggregate') ?? 'list';
      if (mode !== 'list' && mode !== 'map' && mode !== 'first' && mode !== 'vote') throw argError('workflow.parallel: aggregate must be list, map, first or vote');
      return make('parallel', spec, (input) => {
        const values: Value[] = [];
        let firstError: TError | undefined;
        for (const [name, step] of steps) {
          const out = runStep(step, input, new Map([['branch', name]]));
          if (out instanceof TError) firstError ??= new TError(`branch '${name}' failed: ${toText(out.value)}`);
          else if (mode === 'first') return out;
          values.push(out);
        }
        if (firstError) return firstError;
        if (mode === 'vote') return vote(values);
        if (mode === 'map') return new Map(steps.map(([name], i) => [name, values[i]]));
        return newArray(values);
      });
    },
    conditional: ([s]) => {
      const spec = specOf('conditional', s);
      const branches = mapEntries(spec.get('branches'));
      if (!branches) throw argError('workflow.conditional: branches must be a map');
      const condition = spec.get('condition');
      const classify = mapEntries(spec.get('classify'));
      if (!isCallable(condition) && !classify) throw argError('workflow.conditional: give condition: func(input) or classify: {labels: [...]}');
      return make('conditional', spec, (input) => {
        const key = isCallable(condition) ? kit.callback(condition, [input]) : classifyInput(classify!, input);
        if (key instanceof TError && spec.get('default') === undefined) return key;
        const branch = (typeof key === 'string' || typeof key === 'boolean' ? branches.get(String(key)) : undefined) ?? spec.get('default');
        if (branch === undefined) return new TError(`no branch for ${show(key)} and no default`);
        return runStep(branch, input, new Map([['branch', key instanceof TError ? undefined : key]]));
      });
    },
    loop: ([s]) => {
      const spec = specOf('loop', s);
      const step = spec.get('step') ?? spec.get('body');
      if (step === undefined) throw argError('workflow.loop: step must be given');
      const whileFn = spec.get('while_') ?? spec.get('while');
      const untilFn = spec.get('until_') ?? spec.get('until');
      const max = typeof spec.get('max_iterations') === 'number' ? (spec.get('max_iterations') as number) : 10;
      return make('loop', spec, (input) => {
        const forEach = spec.get('for_each');
        if (forEach !== undefined) {
          const items = arrayItems(forEach === true ? input : isCallable(forEach) ? kit.callback(forEach, [input]) : forEach);
          if (!items) return new TError('for_each needs an array');
          const results: Value[] = [];
          for (let i = 0; i < items.length; i++) {
            const out = runStep(step, items[i], new Map<string, Value>([['iteration', i + 1], ['index', i], ['input', input]]));
            if (out instanceof TError) return new TError(`iteration ${i + 1} failed: ${toText(out.value)}`);
            results.push(out);
          }
          return newArray(results);
        }
        let value = input;
        const rounds = typeof spec.get('count') === 'number' ? (spec.get('count') as number) : max;
        for (let i = 1; i <= rounds; i++) {
          if (isCallable(whileFn) && isFalsy(kit.callback(whileFn, [value, i]))) return value;
          const out = runStep(step, value, new Map<string, Value>([['iteration', i]]));
          if (out instanceof TError) return new TError(`iteration ${i} failed: ${toText(out.value)}`);
          value = out;
          if (isCallable(untilFn) && !isFalsy(kit.callback(untilFn, [value, i]))) return value;
        }
        if ((isCallable(whileFn) || isCallable(untilFn)) && spec.get('on_limit') !== 'finish') {
          return new TError(`reached max_iterations (${max}) before the loop's condition ended it`);
        }
        return value;
      });
    },
    // A workflow file runs in the host with its inputs; its outputs come back (or an error value).
    run_file: ([path, inputs]) => kit.call('workflow.run_file', path, inputs ?? new Map(), new Map()),
    load: ([path]) => {
      const info = kit.call('workflow.load_file', path);
      if (info instanceof TError) return info;
      const m = mapEntries(info);
      const spec = new Map<string, Value>([['name', m?.get('name')], ['description', m?.get('description')]]);
      return make(
        'file',
        spec,
        (inputs) => {
          if (inputs !== undefined && !mapEntries(inputs)) return new TError('inputs must be a map');
          return kit.call('workflow.run_file', path, inputs ?? new Map(), new Map());
        },
        [['path', path], ['inputs', m?.get('inputs')], ['outputs', m?.get('outputs')]],
      );
    },
    output: ([value]) => kit.call('workflow.output', value),
    is_workflow: ([value]) => isWorkflow(value),
  });

  /** Asks the LLM for one of `classify.labels`; the label, or an error value. */
  function classifyInput(classify: Map<string, Value>, input: Value): Value {
    const labels = (arrayItems(classify.get('labels')) ?? []).map(toText);
    const system = `Classify the user's message into exactly one of these labels: ${labels.join(', ')}.\nAnswer with the label only.`;
    const prompt = typeof classify.get('prompt') === 'string' ? (classify.get('prompt') as string).replace(/{{\s*input\s*}}/g, () => show(input)) : show(input);
    const answer = kit.m.call(bridge('llm', 'chat'), [prompt, new Map<string, Value>([['system', system], ['temperature', 0]])]);
    if (typeof answer !== 'string') return answer instanceof TError ? answer : new TError('the model gave no answer');
    const plain = answer.toLowerCase().trim().replace(/[\p{P}\s]+$/u, '');
    const exact = labels.find((l) => l.toLowerCase() === plain);
    if (exact) return exact;
    const word = labels.find((l) => new RegExp(`(^|[^\\p{L}\\p{N}])${l.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(answer.toLowerCase()));
    return word ?? new TError(`the model's answer names none of ${labels.join(', ')}`);
  }
}

/** A malformed spec is a mistake in the spell, like a bad argument: a runtime error. */
function argError(message: string): Error {
  return runtimeError(message);
}

/** A value as text in a prompt: strings as they are, maps and arrays as JSON, undefined as nothing. */
function show(v: Value): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (mapEntries(v) || arrayItems(v)) {
    try {
      return JSON.stringify(toJs(v));
    } catch {
      return toText(v);
    }
  }
  return toText(v);
}

/** `{{input}}`, `{{results.draft}}`, `{{input.title}}`: dotted paths into the scope. */
function lookup(scope: Value, path: string): Value {
  let value = scope;
  for (const key of path.split('.')) {
    const items = arrayItems(value);
    if (items && /^\d+$/.test(key)) value = items[Number(key)];
    else value = mapEntries(value)?.get(key);
    if (value === undefined) return undefined;
  }
  return value;
}

function render(text: string, scope: (path: string) => Value): string {
  return text.replace(/{{\s*([\w.]+)\s*}}/g, (_m, path: string) => show(scope(path)));
}

/** Renders every string in a value; "{{path}}" alone passes the value itself. */
function renderDeep(value: Value, scope: (path: string) => Value): Value {
  if (typeof value === 'string') {
    const whole = /^{{\s*([\w.]+)\s*}}$/.exec(value);
    return whole ? scope(whole[1]!) : render(value, scope);
  }
  const items = arrayItems(value);
  if (items) return newArray(items.map((v) => renderDeep(v, scope)));
  const m = mapEntries(value);
  if (m) return new Map([...m].map(([k, v]) => [k, renderDeep(v, scope)]));
  return value;
}

/** The most frequent value (strings compared trimmed and lower-cased); ties go to the first. */
function vote(values: Value[]): Value {
  const counts = new Map<string, { value: Value; count: number }>();
  for (const v of values) {
    const key = typeof v === 'string' ? v.trim().toLowerCase() : show(v);
    const c = counts.get(key) ?? { value: v, count: 0 };
    c.count++;
    counts.set(key, c);
  }
  let best: { value: Value; count: number } | undefined;
  for (const c of counts.values()) if (!best || c.count > best.count) best = c;
  return best?.value;
}
