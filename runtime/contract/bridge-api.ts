/**
 * The bridge API a spell sees, described once: every global, function, parameter, record and its
 * documentation, with the per-language differences (Lua: snake_case, `value` or `nil, message`;
 * JavaScript: camelCase, promises, thrown `SpellError`s). `types/llmspell.d.ts`, `types/llmspell.lua`
 * (LuaCATS), the JS engine's argument checks and the parity test of both engines derive from it.
 */
import { AGENTS_CLASSES, AGENTS_MODULE } from './bridge-api/agents';
import { CONSOLE_MODULE, IO_MODULE, JSON_MODULE, LOG_MODULE, SPELL_ERROR_CLASS, TIMER_FUNCTIONS } from './bridge-api/core';
import { FETCH_CLASSES, FETCH_FUNCTION, HTTP_MODULE, IO_CLASSES, STORAGE_MODULE } from './bridge-api/io';
import { LLM_CLASSES, LLM_MODULE } from './bridge-api/llm';
import { MCP_CLASSES, MCP_MODULE } from './bridge-api/mcp';
import { SPELL_MODULE } from './bridge-api/spell';
import { ASYNC_MODULE, PROMISE_CLASS, PROMISE_MODULE } from './bridge-api/lua-async';
import { t, type ApiClass, type ApiFunction, type ApiModule, type ApiParam, type ApiType, type BridgeApi, type Language } from './bridge-api/model';
import { TOOLS_CLASSES, TOOLS_MODULE } from './bridge-api/tools';
import { WORKFLOW_CLASSES, WORKFLOW_MODULE } from './bridge-api/workflow';

export * from './bridge-api/model';
export { tengoType } from './bridge-api/tengo-type';

/** The description. */
export const BRIDGE_API: BridgeApi = {
  modules: [
    LLM_MODULE,
    TOOLS_MODULE,
    AGENTS_MODULE,
    WORKFLOW_MODULE,
    MCP_MODULE,
    JSON_MODULE,
    STORAGE_MODULE,
    HTTP_MODULE,
    LOG_MODULE,
    IO_MODULE,
    PROMISE_MODULE,
    ASYNC_MODULE,
    CONSOLE_MODULE,
    SPELL_MODULE,
    { name: 'globals', doc: 'Functions that are globals of a JavaScript spell.', global: true, only: 'js', functions: [FETCH_FUNCTION, ...TIMER_FUNCTIONS] },
  ],
  classes: [...LLM_CLASSES, ...TOOLS_CLASSES, ...AGENTS_CLASSES, ...IO_CLASSES, ...FETCH_CLASSES, ...WORKFLOW_CLASSES, ...MCP_CLASSES, PROMISE_CLASS, SPELL_ERROR_CLASS],
  values: [{ name: 'params', type: t.map(t.any), doc: 'The run\'s parameters (`key=value` on the command line, or typed values from the manifest).' }],
};

/** `chat_with_history` → `chatWithHistory`. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Whether an item of the description exists in `language` (Tengo has Lua's items unless one says `tengo: false`). */
export function inLanguage(item: { only?: Language; tengo?: unknown }, language: Language): boolean {
  if (language === 'tengo') return item.tengo !== false && (item.only === undefined || item.only === 'lua' || item.only === 'tengo');
  return item.only === undefined || item.only === language;
}

/** A function as it looks in one language: name, parameters, return type, async. */
export interface FunctionView {
  name: string;
  doc: string;
  params: ApiParam[];
  returns: ApiType;
  /** Lua: several named results. */
  results?: ApiParam[];
  fails: boolean;
  async: boolean;
}

/** The name of a parameter or field in `language`. */
export function paramName(param: ApiParam, language: Language): string {
  return language === 'js' ? (param.jsName ?? camelCase(param.name)) : param.name;
}

/** A function of the description as `language` sees it. */
export function viewFunction(fn: ApiFunction, language: Language): FunctionView {
  const o = (language === 'js' ? fn.js : language === 'tengo' ? fn.tengo || fn.lua : fn.lua) ?? {};
  return {
    name: o.name ?? (language === 'js' ? camelCase(fn.name) : fn.name),
    doc: o.doc ?? fn.doc,
    params: o.params ?? fn.params,
    returns: o.returns ?? fn.returns,
    // Tengo has one result: an override gives its shape where Lua returns several.
    ...(language === 'lua' && o.results ? { results: o.results } : {}),
    fails: fn.fails ?? false,
    async: language === 'js' ? (o.async ?? fn.async ?? false) : false,
  };
}

/** Modules of `language`, each with the function views that exist there. */
export function modulesFor(language: Language, api: BridgeApi = BRIDGE_API): { module: ApiModule; functions: FunctionView[] }[] {
  return api.modules
    .filter((m) => inLanguage(m, language))
    .map((module) => ({ module, functions: module.functions.filter((f) => inLanguage(f, language)).map((f) => viewFunction(f, language)) }));
}

/** Classes of `language`. */
export function classesFor(language: Language, api: BridgeApi = BRIDGE_API): ApiClass[] {
  return api.classes.filter((c) => inLanguage(c, language));
}
