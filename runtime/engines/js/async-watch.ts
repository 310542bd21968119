import { parse, type Node } from 'acorn';

/**
 * The prelude's helper that transformed async functions call (2-scheduler.js defines it on the
 * spell's global object, non-enumerable and read-only).
 */
export const ASYNC_HELPER = '__llmspell_async';
/** The rest parameter that carries the arguments when the parameters move into the inner arrow. */
const ARGS = '__llmspell_args';
/** Larger sources run untransformed: the transform's work on what a spell supplies stays bounded. */
export const MAX_TRANSFORM_CHARS = 1024 * 1024;

/** A spell in miniature: rewriting it once warms the parser up before a spell arrives. */
export const WARM_UP_SAMPLE = [
  'import { x } from "./x.js";',
  'export default async function main(params) {',
  '  const f = async (a, { b } = {}) => ({ a, b: `${b}` });',
  '  class C { static async m(n = 1) { for (const k of [n]) if (k > 0 && !x) try { await f(k); } catch (e) { throw new Error("e" + e); } return /x+/g; } }',
  '  return { r: await C.m(params?.n ?? 2), o: { async m() {}, [x]: null } };',
  '}',
].join('\n');

/**
 * Makes every async function of a spell module return a watched promise, so a rejection nobody
 * handles is reported like a rejected `new Promise` (QuickJS's rejection tracker is out of reach:
 * an async function's own result is an intrinsic promise nobody can watch).
 *
 *   async function f(a) { BODY }   →  function f(a) { return __llmspell_async(async () => { BODY }, "f", undefined, new.target) }
 *   async (a = 1) => X             →  (...__llmspell_args) => { return __llmspell_async(async (a = 1) => X, "", __llmspell_args) }
 *
 * The body stays in an async arrow, so `this`, `arguments`, `super` and `new.target` mean what they
 * meant. Parameters that can throw (defaults, patterns) move into the arrow, so their errors still
 * reject rather than throw. Only text on existing lines is inserted and `async` is blanked out, never
 * a newline: error lines stay right. Async generators, code made by `eval`/`Function`, and a source
 * that acorn cannot parse or that is over MAX_TRANSFORM_CHARS are left as they are (a syntax error is
 * then QuickJS's to report, as before).
 */
export function watchAsyncFunctions(source: string): string {
  if (source.length > MAX_TRANSFORM_CHARS || !source.includes('async') || source.includes(ASYNC_HELPER)) return source;
  let program: Node;
  try {
    program = parse(source, { ecmaVersion: 'latest', sourceType: 'module', preserveParens: true, allowHashBang: true });
  } catch {
    return source; // a syntax error (or input too deep for the parser): QuickJS reports it
  }
  try {
    const edits = collectEdits(source, program);
    return edits.blanks.length === 0 ? source : applyEdits(source, edits);
  } catch {
    return source; // a shape this rewrite does not know: run the spell as written rather than fail it
  }
}

interface Insert {
  pos: number;
  text: string;
  /** Ends a function's wrapping (after its body) rather than starting it. */
  closer: boolean;
  /** Pre-order index of the function the edit belongs to. */
  order: number;
}
interface Edits {
  /** `async` keywords to overwrite (same length: offsets do not move). */
  blanks: { pos: number; text: string }[];
  inserts: Insert[];
}

type AnyNode = Node & Record<string, unknown>;
type FunctionNode = AnyNode & { async: boolean; generator: boolean; params: AnyNode[]; body: AnyNode; id?: { name: string } | null };

function collectEdits(source: string, program: Node): Edits {
  const edits: Edits = { blanks: [], inserts: [] };
  const statementStarts = new Set<number>();
  let order = 0;
  // Iterative walk: nesting depth is the spell's to choose.
  const stack: { node: AnyNode; parent: AnyNode | undefined }[] = [{ node: program as AnyNode, parent: undefined }];
  while (stack.length > 0) {
    const { node, parent } = stack.pop()!;
    if (node.type === 'ExpressionStatement') statementStarts.add(node.start);
    if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') && (node as FunctionNode).async && !(node as FunctionNode).generator) {
      transformFunction(source, node as FunctionNode, parent, statementStarts, order++, edits);
    }
    const children: AnyNode[] = [];
    for (const key of Object.keys(node)) {
      if (key === 'type' || key === 'start' || key === 'end') continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) children.push(value);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, parent: node });
  }
  return edits;
}

function isNode(value: unknown): value is AnyNode {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}

function transformFunction(source: string, fn: FunctionNode, parent: AnyNode | undefined, statementStarts: Set<number>, order: number, edits: Edits): void {
  const isMethod = parent !== undefined && (parent.type === 'MethodDefinition' || (parent.type === 'Property' && parent.method === true)) && parent.value === fn;
  const isArrow = fn.type === 'ArrowFunctionExpression';
  // Where `async` is: the function's first token, or after `static` in a class member.
  let asyncAt = isMethod ? parent.start : fn.start;
  if (isMethod && parent.type === 'MethodDefinition' && parent.static === true) asyncAt = skipBlank(source, asyncAt + 'static'.length);
  if (!source.startsWith('async', asyncAt)) return; // an unexpected shape: leave it intrinsic
  // An arrow that begins a statement is thrown away unused; blanking its `async` could let the line
  // join the previous one (`b\n(x) => …` reads as a call). Leave it alone.
  if (isArrow && statementStarts.has(fn.start)) return;
  // A class member's `async` may follow a field without a semicolon: `;` keeps `x = y\n [k]() {}` apart.
  const blank = isMethod && parent.type === 'MethodDefinition' && asyncAt === parent.start ? ';    ' : '     ';
  const name = JSON.stringify(functionName(fn, parent, isMethod));
  // Plain names (and a plain rest) cannot throw while binding: they stay on the outer function.
  const simple = fn.params.every((p) => p.type === 'Identifier' || (p.type === 'RestElement' && (p.argument as AnyNode).type === 'Identifier'));
  const open = (pos: number, text: string) => edits.inserts.push({ pos, text, closer: false, order });
  const close = (pos: number, text: string) => edits.inserts.push({ pos, text, closer: true, order });
  const newTarget = isArrow || isMethod ? '' : ', new.target';
  const body = fn.body;
  // The outer arrow gets a block body: ending in `}` rather than in a call, a `(` on the next line
  // cannot continue it (`f = async () => {}\n(x)` stays two statements).
  if (isArrow) {
    if (simple) {
      open(body.start, `{ return ${ASYNC_HELPER}(async () => `);
      close(fn.end, `, ${name}) }`);
    } else {
      open(fn.params[0]!.start, `...${ARGS}) => { return ${ASYNC_HELPER}(async (`);
      close(fn.end, `, ${name}, ${ARGS}) }`);
    }
  } else if (simple) {
    open(body.start, `{ return ${ASYNC_HELPER}(async () => `);
    close(body.end, `, ${name}${newTarget ? `, undefined${newTarget}` : ''}) }`);
  } else {
    open(fn.params[0]!.start, `...${ARGS}) { return ${ASYNC_HELPER}(async (`);
    open(body.start, '=> ');
    close(body.end, `, ${name}, ${ARGS}${newTarget}) }`);
  }
  edits.blanks.push({ pos: asyncAt, text: blank });
}

/** Skips white space and comments from `pos`. */
function skipBlank(source: string, pos: number): number {
  for (;;) {
    while (pos < source.length && /\s/.test(source[pos]!)) pos++;
    if (source.startsWith('//', pos)) {
      while (pos < source.length && !/[\n\r\u2028\u2029]/.test(source[pos]!)) pos++;
    } else if (source.startsWith('/*', pos)) {
      const end = source.indexOf('*/', pos + 2);
      pos = end < 0 ? source.length : end + 2;
    } else return pos;
  }
}

/** The name the function would have had, for the inner arrow (stack traces name it). */
function functionName(fn: FunctionNode, parent: AnyNode | undefined, isMethod: boolean): string {
  if (fn.id) return fn.id.name;
  if (!parent) return '';
  if (isMethod || parent.type === 'PropertyDefinition' || (parent.type === 'Property' && parent.value === fn)) {
    return parent.computed === true ? '' : keyName(parent.key as AnyNode);
  }
  if (parent.type === 'VariableDeclarator' && parent.init === fn) return identifierName(parent.id as AnyNode);
  if (parent.type === 'AssignmentExpression' && parent.right === fn) return identifierName(parent.left as AnyNode);
  if (parent.type === 'AssignmentPattern' && parent.right === fn) return identifierName(parent.left as AnyNode);
  if (parent.type === 'ExportDefaultDeclaration') return 'default';
  return '';
}

function identifierName(node: AnyNode): string {
  return node.type === 'Identifier' ? (node.name as string) : '';
}

function keyName(key: AnyNode): string {
  if (key.type === 'Identifier') return key.name as string;
  if (key.type === 'PrivateIdentifier') return `#${key.name as string}`;
  if (key.type === 'Literal') return String(key.value);
  return '';
}

function applyEdits(source: string, edits: Edits): string {
  // At one position, closers come first (innermost first), then openers (outermost first), then the
  // blanked `async` of a function that starts there.
  const inserts = edits.inserts.sort(
    (a, b) => a.pos - b.pos || Number(b.closer) - Number(a.closer) || (a.closer ? b.order - a.order : a.order - b.order),
  );
  const blanks = edits.blanks.sort((a, b) => a.pos - b.pos);
  const parts: string[] = [];
  let at = 0;
  let i = 0;
  let j = 0;
  while (i < inserts.length || j < blanks.length) {
    const insert = inserts[i];
    const blank = blanks[j];
    if (insert && (!blank || insert.pos <= blank.pos)) {
      parts.push(source.slice(at, insert.pos), insert.text);
      at = insert.pos;
      i++;
    } else if (blank) {
      parts.push(source.slice(at, blank.pos), blank.text);
      at = blank.pos + blank.text.length;
      j++;
    }
  }
  parts.push(source.slice(at));
  return parts.join('');
}
