/**
 * A safe arithmetic evaluator for the calculator tool: a tokenizer and a recursive-descent parser
 * that computes as it parses. Nothing is ever handed to eval/Function; only the numbers, operators,
 * functions and constants below exist. Grammar, loosest first:
 *   sum     = product (('+' | '-') product)*
 *   product = unary (('*' | '/' | '%') unary)*
 *   unary   = ('-' | '+') unary | power            -2^2 = -(2^2)
 *   power   = atom ('^' unary)?                     right-associative: 2^3^2 = 2^9
 *   atom    = number | name | name '(' args ')' | '(' sum ')'
 */

/** Longest expression accepted, in characters. */
export const MAX_EXPRESSION_LENGTH = 1000;
const MAX_DEPTH = 100;

const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };

/** Functions by name: [fewest arguments, most arguments, implementation]. */
const FUNCTIONS: Record<string, [number, number, (...xs: number[]) => number]> = {
  sqrt: [1, 1, Math.sqrt],
  abs: [1, 1, Math.abs],
  min: [1, 100, Math.min],
  max: [1, 100, Math.max],
  round: [1, 2, (x, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits],
  floor: [1, 1, Math.floor],
  ceil: [1, 1, Math.ceil],
  log: [1, 2, (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base))],
  exp: [1, 1, Math.exp],
  sin: [1, 1, Math.sin],
  cos: [1, 1, Math.cos],
  tan: [1, 1, Math.tan],
};

type Token = { kind: 'num'; value: number; at: number } | { kind: 'name'; value: string; at: number } | { kind: 'op'; value: string; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s+|(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/%^(),])/y;
  while (re.lastIndex < text.length) {
    const at = re.lastIndex;
    const m = re.exec(text);
    if (!m) throw new Error(`unexpected character '${text[at]}' at position ${at + 1}`);
    if (m[1] !== undefined) tokens.push({ kind: 'num', value: Number(m[1]), at });
    else if (m[2] !== undefined) tokens.push({ kind: 'name', value: m[2], at });
    else if (m[3] !== undefined) tokens.push({ kind: 'op', value: m[3], at });
  }
  return tokens;
}

/** Evaluates `text`; throws an Error saying what is wrong and where (1-based position). */
export function evaluate(text: string): number {
  if (text.length > MAX_EXPRESSION_LENGTH) throw new Error(`expression is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  const tokens = tokenize(text);
  let i = 0;
  let depth = 0;
  const peek = () => tokens[i];
  const where = () => (peek() ? `'${String(peek()?.value)}' at position ${(peek()?.at ?? 0) + 1}` : 'end of expression');
  const isOp = (v: string) => peek()?.kind === 'op' && peek()?.value === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new Error(`expected '${v}' but found ${where()}`);
    i++;
  };

  const sum = (): number => {
    let value = product();
    while (isOp('+') || isOp('-')) value = tokens[i++]?.value === '+' ? value + product() : value - product();
    return value;
  };
  const product = (): number => {
    let value = unary();
    while (isOp('*') || isOp('/') || isOp('%')) {
      const op = tokens[i++]?.value;
      const right = unary();
      if (op === '*') value *= right;
      else if (right === 0) throw new Error('division by zero');
      else value = op === '/' ? value / right : value % right;
    }
    return value;
  };
  const unary = (): number => {
    // depth counts nesting through unary, power and parentheses: no stack overflow on '((((...'
    if (++depth > MAX_DEPTH) throw new Error(`expression is nested more than ${MAX_DEPTH} levels deep`);
    try {
      if (!isOp('-') && !isOp('+')) return power();
      const negate = tokens[i++]?.value === '-';
      const value = unary();
      return negate ? -value : value;
    } finally {
      depth--;
    }
  };
  const power = (): number => {
    const base = atom();
    if (!isOp('^')) return base;
    i++;
    return base ** unary();
  };
  const atom = (): number => {
    const t = tokens[i++];
    if (!t) throw new Error('unexpected end of expression');
    if (t.kind === 'num') return t.value;
    if (t.kind === 'op') {
      if (t.value !== '(') throw new Error(`unexpected '${t.value}' at position ${t.at + 1}`);
      const value = sum();
      expect(')');
      return value;
    }
    const name = t.value.toLowerCase();
    if (!isOp('(')) {
      if (Object.hasOwn(CONSTANTS, name)) return CONSTANTS[name] ?? NaN;
      throw new Error(`unknown name '${t.value}' at position ${t.at + 1}`);
    }
    const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    if (!fn) throw new Error(`unknown function '${t.value}' at position ${t.at + 1}`);
    i++;
    const args: number[] = [];
    if (!isOp(')')) {
      args.push(sum());
      while (isOp(',')) {
        i++;
        args.push(sum());
      }
    }
    expect(')');
    const [least, most, impl] = fn;
    if (args.length < least || args.length > most) {
      const wanted = least === most ? `${least}` : most >= 100 ? `at least ${least}` : `${least} or ${most}`;
      const plural = (most >= 100 ? least : most) === 1 ? '' : 's';
      throw new Error(`${name} takes ${wanted} argument${plural}, got ${args.length}`);
    }
    return impl(...args);
  };

  if (tokens.length === 0) throw new Error('expression is empty');
  const result = sum();
  if (i < tokens.length) throw new Error(`unexpected ${where()}`);
  if (Number.isNaN(result)) throw new Error('the result is not a number (for example sqrt or log of a negative number)');
  if (!Number.isFinite(result)) throw new Error('the result is infinite (overflow)');
  return result;
}
