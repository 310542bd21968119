import { BRIDGE_API, classesFor, modulesFor, viewFunction, type ApiClass, type ApiParam, type BridgeApi, type FunctionView } from '../../contract/bridge-api';
import { GENERATED_BY } from './render-dts';
import { NS, docLines, luaType } from './type-text';

function paramLine(param: ApiParam): string {
  const name = param.rest ? '...' : `${param.name}${param.optional ? '?' : ''}`;
  return `---@param ${name} ${luaType(param.type)}${param.doc ? ` ${param.doc}` : ''}`;
}

function returnLines(fn: FunctionView): string[] {
  if (fn.results) return fn.results.map((r) => `---@return ${luaType(r.type)}${r.optional ? '?' : ''} ${r.name}${r.doc ? ` ${r.doc}` : ''}`);
  if (fn.returns.kind === 'void') return [];
  const type = luaType(fn.returns);
  if (!fn.fails) return [`---@return ${type}`];
  return [`---@return ${type.endsWith('?') ? type : `${type}?`} value nil when the call failed`, '---@return string? err why it failed'];
}

function functionLines(owner: string, sep: '.' | ':', fn: FunctionView): string[] {
  const names = fn.params.map((x) => (x.rest ? '...' : x.name)).join(', ');
  return [...docLines(fn.doc, '---'), ...fn.params.map(paramLine), ...returnLines(fn), `function ${owner}${sep}${fn.name}(${names}) end`, ''];
}

function classLines(cls: ApiClass): string[] {
  const fields = cls.fields.map((f) => `---@field ${f.name}${f.optional ? '?' : ''} ${luaType(f.type)}${f.doc ? ` ${f.doc}` : ''}`);
  const head = [...docLines(cls.doc, '---'), `---@class ${NS}.${cls.name}`, ...fields];
  const methods = (cls.methods ?? []).filter((m) => m.only !== 'js').map((m) => viewFunction(m, 'lua'));
  if (methods.length === 0) return [...head, ''];
  const local = `${cls.name}__`;
  return [...head, `local ${local} = {}`, '', ...methods.flatMap((m) => functionLines(local, ':', m))];
}

/** `types/llmspell.lua`: LuaCATS (`---@meta`) annotations of a Lua spell's globals, for LuaLS. */
export function renderLuaCats(api: BridgeApi = BRIDGE_API): string {
  const out = ['---@meta', `-- ${GENERATED_BY}`, '-- Globals of a Lua llmspell spell. Put this file in your LuaLS workspace library to get completion.', ''];
  for (const cls of classesFor('lua', api)) out.push(...classLines(cls));
  for (const { module, functions } of modulesFor('lua', api)) {
    out.push(...docLines(module.doc, '---'), `---@class ${NS}.${module.name}`, `${module.name} = {}`, '');
    for (const fn of functions) out.push(...functionLines(module.name, '.', fn));
  }
  for (const value of api.values.filter((v) => v.only !== 'js')) out.push(...docLines(value.doc, '---'), `---@type ${luaType(value.type)}`, `${value.name} = {}`, '');
  return `${out.join('\n').trimEnd()}\n`;
}
