import { BRIDGE_API, classesFor, inLanguage, modulesFor, paramName, tengoType, viewFunction, type ApiParam, type ApiType, type BridgeApi, type FunctionView, type Language } from './bridge-source';

/** One thing a spell can name: a module, a function of one, a class method, or a global value. */
export interface BridgeDoc {
  kind: 'module' | 'function' | 'method' | 'value';
  /** What is typed after the dot (or at top level). */
  name: string;
  /** `llm.chat`, `Agent:execute`, `params`. */
  qualified: string;
  /** `llm.chat(prompt: string, opts?: ChatOptions): string`. */
  signature: string;
  /** Markdown documentation. */
  doc: string;
  params: { label: string; doc: string }[];
  /** Monaco snippet text inserted on completion. */
  insertText: string;
}

/** Everything the editor knows about the bridges of one language, indexed for lookups. */
export interface BridgeIndex {
  language: Language;
  /** Top-level names: modules, global functions, global values. */
  globals: BridgeDoc[];
  /** Functions of each module, by module name. */
  members: Map<string, BridgeDoc[]>;
  /** Methods of every class (`agent:execute` in Lua, `agent.execute` in JS and Tengo). */
  methods: BridgeDoc[];
  /** Tengo: the module names `import("...")` takes (bridges, params and the standard modules). */
  imports: string[];
}

/** Tengo's standard modules (there is no `os`). */
const TENGO_STDLIB = ['fmt', 'text', 'math', 'times', 'rand', 'json', 'base64', 'hex', 'enum'];

/** A type as the language writes it: TypeScript for JS, LuaCATS for Lua, Tengo's type names for Tengo. */
export function renderType(type: ApiType, language: Language): string {
  if (language === 'tengo') return tengoType(type);
  const lua = language === 'lua';
  switch (type.kind) {
    case 'integer':
      return lua ? 'integer' : 'number';
    case 'void':
      return lua ? 'nil' : 'void';
    case 'null':
      return lua ? 'nil' : 'null';
    case 'literal':
      return JSON.stringify(type.value);
    case 'array':
      return `${wrap(type.of, language)}[]`;
    case 'map':
      return lua ? `table<string, ${renderType(type.of, language)}>` : `Record<string, ${renderType(type.of, language)}>`;
    case 'ref':
      return type.name;
    case 'union':
      return type.of.map((t) => renderType(t, language)).join(lua ? '|' : ' | ');
    case 'fn': {
      const params = type.params.map((p) => renderParam(p, language)).join(', ');
      return lua ? `fun(${params}): ${renderType(type.returns, language)}` : `(${params}) => ${renderType(type.returns, language)}`;
    }
    default:
      return type.kind;
  }
}

const wrap = (type: ApiType, language: Language) => (type.kind === 'union' || type.kind === 'fn' ? `(${renderType(type, language)})` : renderType(type, language));

function renderParam(param: ApiParam, language: Language): string {
  const name = paramName(param, language);
  return `${param.rest ? '...' : ''}${name}${param.optional ? '?' : ''}: ${renderType(param.type, language)}`;
}

function returnText(fn: FunctionView, language: Language): string {
  if (language === 'lua' && fn.results) return fn.results.map((r) => `${r.name}: ${renderType(r.type, language)}`).join(', ');
  const type = renderType(fn.returns, language);
  return fn.async ? `Promise<${type}>` : type;
}

function failNote(fn: FunctionView, language: Language): string {
  if (!fn.fails) return '';
  if (language === 'tengo') return '\n\nOn failure returns an `error` value (`is_error(r)`, the message is `r.value`).';
  return language === 'lua' ? '\n\nOn failure returns `nil, message`.' : '\n\nThrows a `SpellError` on failure.';
}

function functionDoc(fn: FunctionView, owner: string, sep: string, kind: BridgeDoc['kind'], language: Language): BridgeDoc {
  const qualified = owner ? `${owner}${sep}${fn.name}` : fn.name;
  const required = fn.params.filter((p) => !p.optional && !p.rest);
  const snippetArgs = required.map((p, i) => `\${${i + 1}:${paramName(p, language)}}`).join(', ');
  return {
    kind,
    name: fn.name,
    qualified,
    signature: `${qualified}(${fn.params.map((p) => renderParam(p, language)).join(', ')}): ${returnText(fn, language)}`,
    doc: `${fn.doc}${failNote(fn, language)}`,
    params: fn.params.map((p) => ({ label: renderParam(p, language), doc: p.doc ?? '' })),
    insertText: `${fn.name}(${snippetArgs})$0`,
  };
}

/** Builds the index of one language from the bridge API description. */
export function buildBridgeIndex(language: Language, api: BridgeApi = BRIDGE_API): BridgeIndex {
  const globals: BridgeDoc[] = [];
  const members = new Map<string, BridgeDoc[]>();
  for (const { module, functions } of modulesFor(language, api)) {
    if (module.global) {
      globals.push(...functions.map((fn) => functionDoc(fn, '', '', 'function', language)));
      continue;
    }
    members.set(module.name, functions.map((fn) => functionDoc(fn, module.name, '.', 'function', language)));
    globals.push({ kind: 'module', name: module.name, qualified: module.name, signature: module.name, doc: module.doc, params: [], insertText: module.name });
  }
  for (const value of api.values.filter((v) => inLanguage(v, language))) {
    const name = paramName(value, language);
    globals.push({ kind: 'value', name, qualified: name, signature: `${name}: ${renderType(value.type, language)}`, doc: value.doc ?? '', params: [], insertText: name });
  }
  const sep = language === 'lua' ? ':' : '.';
  const methods = classesFor(language, api).flatMap((cls) =>
    (cls.methods ?? []).filter((m) => inLanguage(m, language)).map((m) => functionDoc(viewFunction(m, language), cls.name, sep, 'method', language)),
  );
  const imports = language === 'tengo' ? [...members.keys(), ...api.values.filter((v) => inLanguage(v, language)).map((v) => v.name), ...TENGO_STDLIB] : [];
  return { language, globals, members, methods, imports };
}
