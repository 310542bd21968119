import { BRIDGE_API, classesFor, modulesFor, paramName, type ApiParam, type BridgeApi, type FunctionView } from '../../contract/bridge-api';
import { GENERATED_BY } from './render-dts';
import { luaType, tsType } from './type-text';

const top: ReadonlySet<string> = new Set();

function signature(owner: string, fn: FunctionView, language: 'lua' | 'js'): string {
  const params = fn.params.map((p: ApiParam) => `${p.rest ? '...' : ''}${paramName(p, language)}${p.optional && !p.rest ? '?' : ''}`).join(', ');
  const call = `${owner}.${fn.name}(${params})`;
  if (language === 'lua') {
    const results = fn.results ? fn.results.map((r) => r.name).join(', ') : fn.returns.kind === 'void' ? '' : luaType(fn.returns);
    return `${call}${results ? ` → ${results}${fn.fails ? ' | nil, err' : ''}` : ''}`;
  }
  const returns = fn.returns.kind === 'void' ? 'void' : tsType(fn.returns, top, 'return');
  return `${fn.async ? 'await ' : ''}${call}: ${fn.async ? `Promise<${returns}>` : returns}`;
}

/**
 * `docs/api-reference.md`: the bridge API as people read it, from the same description as the typing
 * files, Monaco's completions and both engines' argument checks.
 */
export function renderMarkdown(api: BridgeApi = BRIDGE_API): string {
  const out = [`<!-- ${GENERATED_BY} -->`, '# Spell API reference', '', 'Every global a spell sees, in Lua (go-llmspell style: `value` or `nil, err`) and in JavaScript (promises; failures throw `SpellError`).', 'Tengo spells import the Lua names as modules (`llm := import("llm")`; failures are `error` values): see `types/llmspell.tengo.md`.', ''];
  const js = new Map(modulesFor('js', api).map(({ module, functions }) => [module.name, new Map(functions.map((f) => [f.name, f]))]));
  for (const { module, functions } of modulesFor('lua', api)) {
    out.push(`## \`${module.name}\``, '', module.doc, '');
    for (const fn of functions) {
      out.push(`- \`${signature(module.name, fn, 'lua')}\` — ${fn.doc}`);
      const jsFn = [...(js.get(module.name)?.values() ?? [])].find((f) => f.name === fn.name || f.name.toLowerCase() === fn.name.replace(/_/g, '').toLowerCase());
      if (jsFn) out.push(`  - JavaScript: \`${signature(module.name, jsFn, 'js')}\``);
    }
    out.push('');
  }
  const jsOnly = modulesFor('js', api).filter(({ module }) => !modulesFor('lua', api).some((m) => m.module.name === module.name));
  for (const { module, functions } of jsOnly) {
    out.push(`## \`${module.name}\` (JavaScript)`, '', module.doc, '', ...functions.map((fn) => `- \`${signature(module.name, fn, 'js')}\` — ${fn.doc}`), '');
  }
  out.push('## Records and objects', '');
  for (const cls of classesFor('lua', api)) out.push(`- **${cls.name}** — ${cls.doc}`);
  return `${out.join('\n').trimEnd()}\n`;
}
