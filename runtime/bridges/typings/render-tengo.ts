import { BRIDGE_API, classesFor, inLanguage, modulesFor, paramName, tengoType, viewFunction, type ApiParam, type BridgeApi, type FunctionView } from '../../contract/bridge-api';
import { GENERATED_BY } from './render-dts';

/** `llm.chat(prompt, opts?) → string | error`, as a Tengo spell calls it. */
export function tengoSignature(owner: string, fn: FunctionView, sep = '.'): string {
  const params = fn.params.map((p: ApiParam) => `${p.rest ? '...' : ''}${paramName(p, 'tengo')}${p.optional && !p.rest ? '?' : ''}`).join(', ');
  const returns = fn.returns.kind === 'void' ? '' : tengoType(fn.returns);
  const result = [returns, fn.fails ? 'error' : ''].filter(Boolean).join(' | ');
  return `${owner}${sep}${fn.name}(${params})${result ? ` → ${result}` : ''}`;
}

function paramLines(params: ApiParam[]): string[] {
  return params.filter((p) => p.doc).map((p) => `  - \`${paramName(p, 'tengo')}\` (${tengoType(p.type)}${p.optional ? ', optional' : ''}): ${p.doc}`);
}

/**
 * `types/llmspell.tengo.md`: the bridge modules a Tengo spell imports (`llm := import("llm")`), from
 * the same description as the other typing files, the studio's completions and the engines' argument
 * checks. Tengo has no type annotations, so its "typings" are this reference.
 */
export function renderTengo(api: BridgeApi = BRIDGE_API): string {
  const out = [
    `<!-- ${GENERATED_BY} -->`,
    '# Tengo spell API',
    '',
    'The bridge modules of a Tengo spell (main.tengo). Import each one by name: `llm := import("llm")`.',
    'Names are the Lua names. A call that fails returns an `error` value (check it with `is_error(r)`; the',
    'message is `r.value`); a bad argument is a runtime error. Callbacks are Tengo functions. `json`, `fmt`,',
    '`text`, `times` and the other standard modules are Tengo\'s own.',
    '',
  ];
  for (const { module, functions } of modulesFor('tengo', api)) {
    out.push(`## \`${module.name} := import("${module.name}")\``, '', module.doc, '');
    for (const fn of functions) out.push(`- \`${tengoSignature(module.name, fn)}\` — ${fn.doc}`, ...paramLines(fn.params));
    out.push('');
  }
  for (const value of api.values) {
    if (value.only !== undefined && value.only !== 'lua') continue;
    out.push(`## \`${value.name} := import("${value.name}")\``, '', `${value.doc ?? ''} An immutable map.`, '');
  }
  out.push('## Maps and objects', '', 'Records are maps; objects are maps whose functions are called with a dot (`agent.run("hi")`).', '');
  for (const cls of classesFor('tengo', api)) {
    out.push(`### ${cls.name}`, '', cls.doc, '');
    for (const f of cls.fields) out.push(`- \`${paramName(f, 'tengo')}\`${f.optional ? ' (optional)' : ''}: ${tengoType(f.type)}${f.doc ? ` — ${f.doc}` : ''}`);
    for (const m of (cls.methods ?? []).filter((x) => inLanguage(x, 'tengo'))) {
      const view = viewFunction(m, 'tengo');
      out.push(`- \`${tengoSignature(cls.name.toLowerCase(), view)}\` — ${view.doc}`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
