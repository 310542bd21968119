/**
 * The parser of workflow expressions (conditions, loop tests, `{{ }}` templates): a tokenizer and a
 * recursive-descent parser producing a small AST. Nothing is ever handed to eval/Function.
 *   or      = and (('or' | '||') and)*
 *   and     = not (('and' | '&&') not)*
 *   not     = ('not' | '!') not | compare
 *   compare = sum (('==' | '!=' | '<' | '<=' | '>' | '>=' | 'in') sum)?
 *   sum     = product (('+' | '-') product)*
 *   product = unary (('*' | '/' | '%') unary)*
 *   unary   = '-' unary | postfix
 *   postfix = primary ('.' name | '[' or ']')*
 *   primary = number | string | true | false | null | name | name '(' args ')' | '(' or ')' | '[' args ']'
 */

/** A parsed expression. */
export type Expr =
  | { k: 'lit'; value: unknown }
  | { k: 'var'; name: string }
  | { k: 'get'; target: Expr; key: Expr }
  | { k: 'call'; fn: string; args: Expr[]; at: number }
  | { k: 'not'; x: Expr }
  | { k: 'neg'; x: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'list'; items: Expr[] };

/** An expression that does not parse; `position` is 1-based. */
export class ExpressionSyntaxError extends Error {
  override name = 'ExpressionSyntaxError';
}

const MAX_LENGTH = 2000;
const MAX_DEPTH = 64;
type Token = { t: 'num' | 'str' | 'name' | 'op'; v: string; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s+|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|&&|\|\||[-+*/%<>!.,()[\]])/y;
  while (re.lastIndex < text.length) {
    const at = re.lastIndex;
    const m = re.exec(text);
    if (!m) throw new ExpressionSyntaxError(`unexpected character '${text[at]}' at position ${at + 1}`);
    if (m[1] !== undefined) tokens.push({ t: 'num', v: m[1], at });
    else if (m[2] !== undefined || m[3] !== undefined) tokens.push({ t: 'str', v: unescape(m[2] ?? m[3] ?? ''), at });
    else if (m[4] !== undefined) tokens.push({ t: 'name', v: m[4], at });
    else if (m[5] !== undefined) tokens.push({ t: 'op', v: m[5], at });
  }
  return tokens;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=', 'in']);
const WORDS: Record<string, unknown> = { true: true, false: false, null: null };

/** Parses `text`; throws {@link ExpressionSyntaxError} saying what and where. */
export function parseExpression(text: string): Expr {
  if (text.length > MAX_LENGTH) throw new ExpressionSyntaxError(`expression is longer than ${MAX_LENGTH} characters`);
  const tokens = tokenize(text);
  let i = 0;
  let depth = 0;
  const peek = (v: string) => tokens[i] !== undefined && tokens[i]!.v === v && (tokens[i]!.t === 'op' || tokens[i]!.t === 'name');
  const where = () => (tokens[i] ? `'${tokens[i]!.v}' at position ${tokens[i]!.at + 1}` : 'the end');
  const fail = (what: string): never => {
    throw new ExpressionSyntaxError(`${what}, found ${where()}`);
  };
  const expect = (v: string) => (peek(v) ? i++ : fail(`expected '${v}'`));
  const deeper = <T>(fn: () => T): T => {
    if (++depth > MAX_DEPTH) throw new ExpressionSyntaxError(`expression is nested more than ${MAX_DEPTH} levels deep`);
    try {
      return fn();
    } finally {
      depth--;
    }
  };
  const left = (next: () => Expr, ops: string[], alias: Record<string, string> = {}): Expr => {
    let a = next();
    while (ops.some(peek)) {
      const op = tokens[i++]!.v;
      a = { k: 'bin', op: alias[op] ?? op, a, b: next() };
    }
    return a;
  };
  const or = (): Expr => deeper(() => left(and, ['or', '||'], { '||': 'or' }));
  const and = (): Expr => left(not, ['and', '&&'], { '&&': 'and' });
  const not = (): Expr => (peek('not') || peek('!') ? (i++, deeper(() => ({ k: 'not', x: not() }))) : compare());
  const compare = (): Expr => {
    const a = sum();
    const op = tokens[i];
    if (!op || !COMPARE.has(op.v) || op.t === 'str') return a;
    i++;
    return { k: 'bin', op: op.v, a, b: sum() };
  };
  const sum = (): Expr => left(product, ['+', '-']);
  const product = (): Expr => left(unary, ['*', '/', '%']);
  const unary = (): Expr => (peek('-') ? (i++, deeper(() => ({ k: 'neg', x: unary() }))) : postfix());
  const postfix = (): Expr => {
    let target = primary();
    for (;;) {
      if (peek('.')) {
        i++;
        const name = tokens[i];
        if (name?.t !== 'name') fail("expected a field name after '.'");
        i++;
        target = { k: 'get', target, key: { k: 'lit', value: name!.v } };
      } else if (peek('[')) {
        i++;
        target = { k: 'get', target, key: or() };
        expect(']');
      } else return target;
    }
  };
  const args = (close: string): Expr[] => {
    const list: Expr[] = [];
    if (peek(close)) return (i++, list);
    list.push(or());
    while (peek(',')) {
      i++;
      list.push(or());
    }
    expect(close);
    return list;
  };
  const primary = (): Expr => {
    const t = tokens[i++];
    if (!t) return (i--, fail('expected a value'));
    if (t.t === 'num') return { k: 'lit', value: Number(t.v) };
    if (t.t === 'str') return { k: 'lit', value: t.v };
    if (t.t === 'name') {
      if (Object.hasOwn(WORDS, t.v)) return { k: 'lit', value: WORDS[t.v] };
      if (peek('(')) return (i++, { k: 'call', fn: t.v, args: args(')'), at: t.at + 1 });
      return { k: 'var', name: t.v };
    }
    if (t.v === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    if (t.v === '[') return { k: 'list', items: args(']') };
    return (i--, fail('expected a value'));
  };
  if (tokens.length === 0) throw new ExpressionSyntaxError('expression is empty');
  const tree = or();
  if (i < tokens.length) fail('expected the end of the expression');
  return tree;
}

/** The names an expression reads from its scope (not function names), for validation. */
export function freeNames(expr: Expr, into = new Set<string>()): Set<string> {
  const children: Expr[] =
    expr.k === 'get' ? [expr.target, expr.key] : expr.k === 'call' ? expr.args : expr.k === 'list' ? expr.items : expr.k === 'bin' ? [expr.a, expr.b] : expr.k === 'not' || expr.k === 'neg' ? [expr.x] : [];
  if (expr.k === 'var') into.add(expr.name);
  for (const child of children) freeNames(child, into);
  return into;
}
