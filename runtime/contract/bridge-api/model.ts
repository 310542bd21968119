/**
 * The vocabulary of the bridge API description (runtime/contract/bridge-api.ts): types, parameters,
 * functions, modules and classes, each with its documentation and any per-language difference. Lua
 * names are snake_case; the JavaScript name of a function, parameter or field is derived (camelCase)
 * unless an override says otherwise.
 */

/**
 * A spell language the bridges are adapted to. Tengo takes the Lua names and shapes (failures are
 * `error` values instead of `nil, err`), so an item of Lua is in Tengo too unless it says `tengo: false`.
 */
export type Language = 'lua' | 'js' | 'tengo';

/** Tengo's view of an item: an override, or `false` when the item is not in Tengo. */
export type TengoView = LanguageOverride | false;

/** A type in the API, rendered as TypeScript (`types/llmspell.d.ts`) and LuaCATS (`types/llmspell.lua`). */
export type ApiType =
  | { kind: 'string' | 'number' | 'integer' | 'boolean' | 'any' | 'void' | 'null' }
  | { kind: 'literal'; value: string }
  | { kind: 'array'; of: ApiType }
  /** String keys to values: `Record<string, T>` / `table<string, T>`. */
  | { kind: 'map'; of: ApiType }
  /** A class or record of the description, by name. */
  | { kind: 'ref'; name: string }
  | { kind: 'union'; of: ApiType[] }
  | { kind: 'fn'; params: ApiParam[]; returns: ApiType };

/** A parameter of a function, or a field of a record. */
export interface ApiParam {
  /** Lua spelling; the JS name is camelCase of it unless `jsName` is given. */
  name: string;
  type: ApiType;
  optional?: boolean;
  /** Takes every remaining argument (`...values`). */
  rest?: boolean;
  doc?: string;
  jsName?: string;
}

/** What a function looks like in one language when it differs from the common description. */
export interface LanguageOverride {
  name?: string;
  doc?: string;
  params?: ApiParam[];
  returns?: ApiType;
  /** Lua only: several results (`name, model`), instead of `returns`. */
  results?: ApiParam[];
  /** JS only: whether the function returns a promise, when it differs from `async`. */
  async?: boolean;
}

/** A function of a bridge module, or a method of a class. */
export interface ApiFunction {
  name: string;
  doc: string;
  params: ApiParam[];
  returns: ApiType;
  /** May fail: Lua returns `nil, message` (go-llmspell's convention), JS throws a `SpellError`. */
  fails?: boolean;
  /** JS returns a promise (a Lua call simply waits, other tasks go on meanwhile). */
  async?: boolean;
  /** Host RPC methods it uses, for the reference. */
  rpc?: string[];
  /** Exists in this language only. */
  only?: Language;
  lua?: LanguageOverride;
  js?: LanguageOverride;
  tengo?: TengoView;
}

/** A global table of functions (`llm`, `tools`, ...), or with `global`, functions that are globals. */
export interface ApiModule {
  name: string;
  doc: string;
  functions: ApiFunction[];
  only?: Language;
  /** Its functions are globals themselves (`fetch`, `setTimeout`). */
  global?: boolean;
  tengo?: false;
}

/** A record (fields only) or an object with methods (an agent, a promise). */
export interface ApiClass {
  name: string;
  doc: string;
  fields: ApiParam[];
  methods?: ApiFunction[];
  only?: Language;
  /** JS only: a class spells may construct and `instanceof` (`SpellError`). */
  constructible?: boolean;
  tengo?: false;
}

/** The whole description. */
export interface BridgeApi {
  modules: ApiModule[];
  classes: ApiClass[];
  /** Global values (`params`). */
  values: (ApiParam & { only?: Language })[];
}

/** Type constructors, to keep the description short. */
export const t = {
  string: { kind: 'string' } as ApiType,
  number: { kind: 'number' } as ApiType,
  integer: { kind: 'integer' } as ApiType,
  boolean: { kind: 'boolean' } as ApiType,
  any: { kind: 'any' } as ApiType,
  void: { kind: 'void' } as ApiType,
  null: { kind: 'null' } as ApiType,
  literal: (value: string): ApiType => ({ kind: 'literal', value }),
  array: (of: ApiType): ApiType => ({ kind: 'array', of }),
  map: (of: ApiType): ApiType => ({ kind: 'map', of }),
  ref: (name: string): ApiType => ({ kind: 'ref', name }),
  union: (...of: ApiType[]): ApiType => ({ kind: 'union', of }),
  fn: (params: ApiParam[], returns: ApiType): ApiType => ({ kind: 'fn', params, returns }),
};

/** A required parameter. */
export function p(name: string, type: ApiType, doc?: string): ApiParam {
  return { name, type, ...(doc ? { doc } : {}) };
}

/** An optional parameter. */
export function opt(name: string, type: ApiType, doc?: string): ApiParam {
  return { name, type, optional: true, ...(doc ? { doc } : {}) };
}

/** A rest parameter (`...values`). */
export function rest(name: string, type: ApiType, doc?: string): ApiParam {
  return { name, type, rest: true, ...(doc ? { doc } : {}) };
}
