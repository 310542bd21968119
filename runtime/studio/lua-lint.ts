import * as luaparseModule from 'luaparse';
import { argKinds, type ArgKind } from '../engines/arg-specs';
import { modulesFor, type FunctionView } from '../contract/bridge-api';
import type { Diagnostic } from '../contract/studio-api';
import { accepts, countProblems, suggestion } from './lint-common';

/** luaparse is UMD: its functions sit on the module or on its default export, by loader. */
const luaparse = ((luaparseModule as { parse?: unknown }).parse ? luaparseModule : (luaparseModule as unknown as { default: typeof luaparseModule }).default) as typeof luaparseModule;

/**
 * Globals of a spell's Lua environment, as the engine builds it (runtime/engines/lua/prelude/
 * 4-sandbox.lua: an allow-list) plus the bridge modules and `params`.
 */
const BASE_GLOBALS = [
  'assert', 'error', 'ipairs', 'next', 'pairs', 'pcall', 'xpcall', 'print', 'rawequal', 'rawget', 'rawlen', 'rawset', 'select',
  'setmetatable', 'getmetatable', 'tonumber', 'tostring', 'type', '_VERSION', 'collectgarbage', 'string', 'table', 'math', 'utf8',
  'coroutine', 'params', '_G',
];

const MODULES = new Map(modulesFor('lua').filter(({ module }) => !module.global).map(({ module, functions }) => [module.name, new Map(functions.map((f) => [f.name, f]))]));
const KNOWN_GLOBALS = new Set([...BASE_GLOBALS, ...MODULES.keys()]);

interface LuaNode {
  type: string;
  loc?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

const isNode = (value: unknown): value is LuaNode => typeof value === 'object' && value !== null && typeof (value as LuaNode).type === 'string';

/** Every node of the tree, parents before children. */
function walk(node: LuaNode, visit: (node: LuaNode) => void): void {
  visit(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'range') continue;
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) walk(child, visit);
    } else if (isNode(value)) walk(value, visit);
  }
}

/** The kind of a literal argument, or undefined when it is only known at run time. */
function literalKind(node: LuaNode): ArgKind | 'nil' | undefined {
  switch (node.type) {
    case 'StringLiteral':
      return 'string';
    case 'NumericLiteral':
      return Number.isInteger(node.value) && !/[.eE]/.test(String(node.raw)) ? 'integer' : 'number';
    case 'BooleanLiteral':
      return 'boolean';
    case 'NilLiteral':
      return 'nil';
    case 'TableConstructorExpression':
      return 'table';
    case 'FunctionDeclaration':
      return 'function';
    default:
      return undefined;
  }
}

/** Problems of one call of a bridge function against its description: argument count and literal types. */
function checkCall(label: string, fn: FunctionView, args: LuaNode[], at: LuaNode, file: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const where = { file, line: at.loc?.start.line ?? 1, column: (at.loc?.start.column ?? 0) + 1 };
  const fixed = fn.params.filter((p) => !p.rest);
  const last = args[args.length - 1];
  // A call or `...` as the last argument may expand to any number of values.
  const open = last !== undefined && ['CallExpression', 'StringCallExpression', 'TableCallExpression', 'VarargLiteral'].includes(last.type);
  for (const message of countProblems(label, fn, fixed.map((p) => p.name), args.length, open)) problems.push({ ...where, severity: 'error', message });
  fixed.forEach((param, i) => {
    const arg = args[i];
    const kind = arg ? literalKind(arg) : undefined;
    if (!arg || kind === undefined) return;
    const kinds = argKinds(param.type, 'lua');
    if (kind === 'nil' ? param.optional : accepts(kinds, kind)) return;
    const at = { file, line: arg.loc?.start.line ?? where.line, column: (arg.loc?.start.column ?? 0) + 1 };
    problems.push({ ...at, severity: 'error', message: `${label}: argument #${i + 1} '${param.name}' expects ${kinds.join(' or ')}, got ${kind}` });
  });
  return problems;
}

/**
 * Problems beyond syntax in a Lua spell, found by reading it (never running it): unknown members of
 * a bridge module (`llm.chatt`), bridge calls with the wrong number of arguments or a literal of the
 * wrong type (against the bridge description), and globals that are neither the environment's nor
 * set by the file (`pirnt`). Test files get no global check (the test runner adds its own).
 * Returns no problem when the file does not parse as Lua 5.3 (5.4-only syntax): the compiler's
 * syntax check has the last word there.
 */
export function luaLint(code: string, file: string, { globals = true } = {}): Diagnostic[] {
  let chunk: LuaNode;
  try {
    chunk = luaparse.parse(code, { locations: true, scope: true, luaVersion: '5.3', comments: false }) as unknown as LuaNode;
  } catch {
    return [];
  }
  const assigned = new Set<string>();
  walk(chunk, (node) => {
    if (node.type === 'AssignmentStatement') {
      for (const target of node.variables as LuaNode[]) if (target.type === 'Identifier' && target.isLocal === false) assigned.add(String(target.name));
    }
    if (node.type === 'FunctionDeclaration' && isNode(node.identifier) && node.identifier.type === 'Identifier' && node.isLocal === false) assigned.add(String(node.identifier.name));
  });

  const problems: Diagnostic[] = [];
  const reported = new Set<string>();
  const at = (node: LuaNode) => ({ file, line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 });
  /** The bridge function a member expression names (`llm.chat`), reporting an unknown member once. */
  const bridgeFunction = (node: LuaNode): { label: string; fn: FunctionView } | undefined => {
    if (node.type !== 'MemberExpression' || node.indexer !== '.' || !isNode(node.base) || node.base.type !== 'Identifier' || node.base.isLocal !== false) return undefined;
    const module = MODULES.get(String(node.base.name));
    if (!module || assigned.has(String(node.base.name))) return undefined;
    const name = String((node.identifier as LuaNode).name);
    const fn = module.get(name);
    return fn ? { label: `${String(node.base.name)}.${name}`, fn } : undefined;
  };

  walk(chunk, (node) => {
    if (node.type === 'MemberExpression' && node.indexer === '.' && isNode(node.base) && node.base.type === 'Identifier' && node.base.isLocal === false) {
      const moduleName = String(node.base.name);
      const module = MODULES.get(moduleName);
      const name = String((node.identifier as LuaNode).name);
      if (module && !assigned.has(moduleName) && !module.has(name)) {
        problems.push({ ...at(node.identifier as LuaNode), severity: 'error', message: `${moduleName}.${name}: ${moduleName} has no member '${name}'${suggestion(name, module.keys())}` });
      }
    }
    if (node.type === 'CallExpression' || node.type === 'StringCallExpression' || node.type === 'TableCallExpression') {
      const target = isNode(node.base) ? bridgeFunction(node.base) : undefined;
      if (target) {
        const args = node.type === 'CallExpression' ? (node.arguments as LuaNode[]) : [node.argument as LuaNode];
        problems.push(...checkCall(target.label, target.fn, args, node, file));
      }
    }
    if (globals && node.type === 'Identifier' && node.isLocal === false) {
      const name = String(node.name);
      if (KNOWN_GLOBALS.has(name) || assigned.has(name) || reported.has(name)) return;
      reported.add(name);
      problems.push({ ...at(node), severity: 'warning', message: `undefined global '${name}'${suggestion(name, KNOWN_GLOBALS)}` });
    }
  });
  return problems;
}
