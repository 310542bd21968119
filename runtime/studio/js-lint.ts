import { parse, type AnyNode, type CallExpression, type MemberExpression, type Node, type Program } from 'acorn';
import { analyze } from 'eslint-scope';
import { argKinds, type ArgKind } from '../engines/arg-specs';
import { classesFor, modulesFor, paramName, BRIDGE_API, type FunctionView } from '../contract/bridge-api';
import type { Diagnostic } from '../contract/studio-api';
import { accepts, countProblems, suggestion } from './lint-common';

/**
 * The ECMAScript built-ins of the engine's QuickJS (`Object.getOwnPropertyNames(globalThis)` in a
 * spell, minus what the prelude adds, which comes from the bridge description below).
 */
const BUILT_INS = [
  'Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'InternalError', 'AggregateError',
  'Array', 'Object', 'Function', 'Iterator', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'decodeURI', 'decodeURIComponent',
  'encodeURI', 'encodeURIComponent', 'escape', 'unescape', 'Infinity', 'NaN', 'undefined', 'eval', 'Number', 'Boolean', 'String',
  'Math', 'Reflect', 'Symbol', 'globalThis', 'BigInt', 'Date', 'RegExp', 'JSON', 'Proxy', 'Map', 'Set', 'WeakMap', 'WeakSet',
  'ArrayBuffer', 'SharedArrayBuffer', 'Uint8ClampedArray', 'Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'Float16Array', 'Float32Array', 'Float64Array', 'DataView', 'Promise', 'WeakRef',
  'FinalizationRegistry',
];
/** What the test runner adds in test files (engines/js/prelude/8-testing.js). */
const TEST_GLOBALS = ['expect', 'test', 'it', 'runSpell'];

const JS_MODULES = modulesFor('js');
/** Bridge modules (`llm`, `console`, ...): name → functions by their JavaScript name. */
const MODULES = new Map(JS_MODULES.filter(({ module }) => !module.global).map(({ module, functions }) => [module.name, new Map(functions.map((f) => [f.name, f]))]));
/** Bridge functions that are globals themselves (`fetch`, `setTimeout`, ...). */
const GLOBAL_FUNCTIONS = new Map(JS_MODULES.filter(({ module }) => module.global).flatMap(({ functions }) => functions.map((f) => [f.name, f] as const)));
const KNOWN_GLOBALS = new Set([
  ...BUILT_INS,
  ...MODULES.keys(),
  ...GLOBAL_FUNCTIONS.keys(),
  ...classesFor('js').filter((c) => c.constructible).map((c) => c.name),
  ...BRIDGE_API.values.filter((v) => v.only === undefined || v.only === 'js').map((v) => v.name),
]);
/** Members every object has: `llm.toString` is no typo. */
const OBJECT_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Past this size a file gets no check: parsing is linear, but it runs on the host's event loop. */
export const MAX_JS_LINT_BYTES = 512 * 1024;
/** The walk over the tree stops after this long (the parse and the scope analysis are linear in the size). */
const WALK_BUDGET_MS = 200;

type Kind = ArgKind | 'null' | 'undefined';

/** Per node type, the keys that may hold child nodes (acorn gives every node of a type the same keys). */
const CHILD_KEYS = new Map<string, string[]>();

/** Pushes the children of a node on the stack, last first (so they come off in source order). */
function pushChildren(node: AnyNode, stack: AnyNode[]): void {
  const record = node as unknown as Record<string, unknown>;
  let keys = CHILD_KEYS.get(node.type);
  if (!keys) {
    keys = Object.keys(record).filter((k) => k !== 'range' && k !== 'loc' && (record[k] === null || typeof record[k] === 'object' || record[k] === undefined));
    CHILD_KEYS.set(node.type, keys);
  }
  for (let k = keys.length - 1; k >= 0; k--) {
    const value = record[keys[k]!];
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) if (value[i] && typeof (value[i] as Node).type === 'string') stack.push(value[i] as AnyNode);
    } else if (value && typeof (value as Node).type === 'string') stack.push(value as AnyNode);
  }
}

/** 1-based line and column of an offset, from the offsets where lines start. */
function position(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

/** The name a member expression reads when it is known without running (`a.b`, `a["b"]`). */
function memberName(node: MemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  return undefined;
}

/**
 * Problems of a JavaScript spell file, found by reading it (never running it): its syntax error (as
 * an ES module, the way the engine loads it), else unknown members of a bridge module (`llm.chatt`),
 * bridge calls with the wrong number of arguments or a literal of the wrong type (against the bridge
 * description), and names that no scope declares and the engine does not define (`pirnt`: a
 * ReferenceError when reached). Test files know the test runner's globals too.
 */
export function jsLint(code: string, file: string, { test = false } = {}): Diagnostic[] {
  if (code.length > MAX_JS_LINT_BYTES) return [];
  let program: Program;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', ranges: true, allowHashBang: true });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    // No position: not a syntax error; nesting too deep for the parser is no verdict on the code either.
    if (!(error instanceof SyntaxError) || !loc || /stack space/.test(error.message)) return [];
    return [{ file, line: loc.line, column: loc.column + 1, severity: 'error', message: error.message.replace(/ \(\d+:\d+\)$/, '') }];
  }
  let unresolved: Set<object>;
  let through: { name: string; node: Node }[];
  try {
    const scopes = analyze(program, { ecmaVersion: 2025, sourceType: 'module', fallback: 'iteration' });
    through = (scopes.globalScope?.through ?? []).map((r) => ({ name: r.identifier.name, node: r.identifier as unknown as Node }));
    unresolved = new Set(through.map((r) => r.node));
  } catch {
    return [];
  }
  const isGlobal = (node: AnyNode | Node, name?: string): boolean => node.type === 'Identifier' && unresolved.has(node) && (name === undefined || (node as { name: string }).name === name);
  // Positions from offsets (acorn's own locations would be three objects more per node).
  const lineStarts = [0];
  for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const at = (node: Node) => ({ file, ...position(lineStarts, node.start) });

  /** The kind of a literal argument, or undefined when it is only known at run time. */
  const literalKind = (node: AnyNode): Kind | undefined => {
    switch (node.type) {
      case 'Literal':
        if ('regex' in node && node.regex) return 'object';
        if (typeof node.value === 'string') return 'string';
        if (typeof node.value === 'number') return Number.isInteger(node.value) ? 'integer' : 'number';
        if (typeof node.value === 'boolean') return 'boolean';
        return node.value === null ? 'null' : undefined;
      case 'TemplateLiteral':
        return 'string';
      case 'ObjectExpression':
        return 'object';
      case 'ArrayExpression':
        return 'array';
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ClassExpression':
        return 'function';
      case 'UnaryExpression':
        if (node.operator === 'void') return 'undefined';
        if (node.operator === 'typeof') return 'string';
        if (node.operator === '!') return 'boolean';
        if ((node.operator === '-' || node.operator === '+') && node.argument.type === 'Literal' && typeof node.argument.value === 'number') return literalKind(node.argument);
        return undefined;
      case 'Identifier':
        return isGlobal(node, 'undefined') ? 'undefined' : undefined;
      default:
        return undefined;
    }
  };

  const problems: Diagnostic[] = [];
  const checkCall = (label: string, fn: FunctionView, call: CallExpression) => {
    const fixed = fn.params.filter((p) => !p.rest);
    const spread = call.arguments.findIndex((a) => a.type === 'SpreadElement');
    // A spread argument may stand for any number of values: no count check, no types after it.
    if (spread < 0) for (const message of countProblems(label, fn, fixed.map((p) => paramName(p, 'js')), call.arguments.length, false)) problems.push({ ...at(call), severity: 'error', message });
    fixed.forEach((param, i) => {
      const arg = call.arguments[i];
      if (!arg || (spread >= 0 && i >= spread) || arg.type === 'SpreadElement') return;
      const kind = literalKind(arg);
      if (kind === undefined) return;
      const kinds = argKinds(param.type, 'js');
      if (kind === 'null' || kind === 'undefined' ? param.optional : accepts(kinds, kind)) return;
      problems.push({ ...at(arg), severity: 'error', message: `${label}: argument #${i + 1} '${paramName(param, 'js')}' expects ${kinds.join(' or ')}, got ${kind}` });
    });
  };
  const checkMember = (moduleName: string, name: string, where: Node) => {
    const module = MODULES.get(moduleName)!;
    if (module.has(name) || OBJECT_MEMBERS.has(name)) return;
    problems.push({ ...at(where), severity: 'error', message: `${moduleName}.${name}: ${moduleName} has no member '${name}'${suggestion(name, module.keys())}` });
  };

  const typeofOperands = new Set<Node>();
  const setOnGlobalThis = new Set<string>();
  const deadline = performance.now() + WALK_BUDGET_MS;
  const stack: AnyNode[] = [program];
  for (let visited = 0; stack.length > 0; visited++) {
    if ((visited & 1023) === 0 && performance.now() > deadline) break;
    const node = stack.pop()!;
    pushChildren(node, stack);
    switch (node.type) {
      case 'MemberExpression': {
        const name = memberName(node);
        if (name !== undefined && node.object.type === 'Identifier' && MODULES.has(node.object.name) && isGlobal(node.object)) checkMember(node.object.name, name, node.property);
        break;
      }
      case 'VariableDeclarator': // const { chatt } = llm
        if (node.id.type === 'ObjectPattern' && node.init?.type === 'Identifier' && MODULES.has(node.init.name) && isGlobal(node.init)) {
          for (const prop of node.id.properties) {
            if (prop.type === 'Property' && !prop.computed && prop.key.type === 'Identifier') checkMember(node.init.name, prop.key.name, prop.key);
          }
        }
        break;
      case 'CallExpression': {
        const callee = node.callee;
        if (callee.type === 'Identifier' && isGlobal(callee) && GLOBAL_FUNCTIONS.has(callee.name)) checkCall(callee.name, GLOBAL_FUNCTIONS.get(callee.name)!, node);
        if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && isGlobal(callee.object)) {
          const fn = MODULES.get(callee.object.name)?.get(memberName(callee) ?? '');
          if (fn) checkCall(`${callee.object.name}.${fn.name}`, fn, node);
        }
        break;
      }
      case 'UnaryExpression':
        if (node.operator === 'typeof') typeofOperands.add(node.argument);
        break;
      case 'AssignmentExpression': // globalThis.helper = ... makes `helper` a global
        if (node.left.type === 'MemberExpression' && isGlobal(node.left.object, 'globalThis')) {
          const name = memberName(node.left);
          if (name !== undefined) setOnGlobalThis.add(name);
        }
        break;
    }
  }

  const known = test ? new Set([...KNOWN_GLOBALS, ...TEST_GLOBALS]) : KNOWN_GLOBALS;
  const reported = new Set<string>();
  for (const { name, node } of through.sort((a, b) => a.node.start - b.node.start)) {
    if (known.has(name) || setOnGlobalThis.has(name) || reported.has(name) || typeofOperands.has(node)) continue;
    reported.add(name);
    problems.push({ ...at(node), severity: 'error', message: `'${name}' is not defined${suggestion(name, known)}` });
  }
  return problems.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}
