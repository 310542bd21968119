/**
 * Evaluates parsed workflow expressions against a scope of names. Member access reads own
 * properties only, so `__proto__` or `constructor` never reach JavaScript internals.
 */
import { equal, FUNCTIONS, kind, truthy } from './functions';
import { parseExpression, type Expr } from './parse';

/** Names an expression can read, looked up innermost first (node inputs, body values, workflow inputs). */
export class Scope {
  constructor(
    private readonly vars: Readonly<Record<string, unknown>>,
    private readonly parent?: Scope,
  ) {}

  /** True when `name` is defined here or further out. */
  has(name: string): boolean {
    return Object.hasOwn(this.vars, name) || (this.parent?.has(name) ?? false);
  }

  /** The value of `name`; throws naming it when no level defines it. */
  get(name: string): unknown {
    if (Object.hasOwn(this.vars, name)) return this.vars[name];
    if (this.parent) return this.parent.get(name);
    throw new Error(`unknown name '${name}'`);
  }

  /** Every name and its value, inner levels winning (for cache keys). */
  snapshot(): Record<string, unknown> {
    return { ...this.parent?.snapshot(), ...this.vars };
  }

  /** A scope whose names shadow this one's. */
  child(vars: Readonly<Record<string, unknown>>): Scope {
    return new Scope(vars, this);
  }
}

const parsed = new Map<string, Expr>();

/** Parses with a bounded memo: the same expressions run once per node, often thousands of times. */
export function compileExpression(text: string): Expr {
  let expr = parsed.get(text);
  if (!expr) {
    expr = parseExpression(text);
    if (parsed.size > 5000) parsed.clear();
    parsed.set(text, expr);
  }
  return expr;
}

/** Evaluates `text` (or a parsed tree) in `scope`; throws a plain Error saying what went wrong. */
export function evaluate(expr: string | Expr, scope: Scope): unknown {
  return run(typeof expr === 'string' ? compileExpression(expr) : expr, scope);
}

function run(e: Expr, scope: Scope): unknown {
  switch (e.k) {
    case 'lit':
      return e.value;
    case 'var':
      return scope.get(e.name);
    case 'list':
      return e.items.map((item) => run(item, scope));
    case 'not':
      return !truthy(run(e.x, scope));
    case 'neg':
      return -number(run(e.x, scope), '-');
    case 'get':
      return member(run(e.target, scope), run(e.key, scope));
    case 'call':
      return call(e, scope);
    case 'bin':
      return binary(e.op, e.a, e.b, scope);
  }
}

function member(target: unknown, key: unknown): unknown {
  if (Array.isArray(target) && typeof key === 'number') return target[key < 0 ? target.length + key : key] ?? null;
  if (target !== null && typeof target === 'object' && !Array.isArray(target) && (typeof key === 'string' || typeof key === 'number')) {
    return Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : null;
  }
  if (typeof target === 'string' && typeof key === 'number') return target[key < 0 ? target.length + key : key] ?? null;
  if (target === null || target === undefined) return null;
  throw new Error(`cannot read ${JSON.stringify(key)} of ${kind(target)}`);
}

function call(e: Extract<Expr, { k: 'call' }>, scope: Scope): unknown {
  const fn = Object.hasOwn(FUNCTIONS, e.fn) ? FUNCTIONS[e.fn] : undefined;
  if (!fn) throw new Error(`unknown function '${e.fn}' at position ${e.at} (known: ${Object.keys(FUNCTIONS).join(', ')})`);
  const [min, max, impl] = fn;
  if (e.args.length < min || e.args.length > max) {
    throw new Error(`${e.fn}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${e.args.length}`);
  }
  return impl(...e.args.map((a) => run(a, scope)));
}

function number(value: unknown, op: string): number {
  if (typeof value !== 'number') throw new Error(`'${op}' expects numbers, got ${kind(value)}`);
  return value;
}

function binary(op: string, ea: Expr, eb: Expr, scope: Scope): unknown {
  if (op === 'and') return truthy(run(ea, scope)) ? run(eb, scope) : false;
  if (op === 'or') {
    const a = run(ea, scope);
    return truthy(a) ? a : run(eb, scope);
  }
  const a = run(ea, scope);
  const b = run(eb, scope);
  switch (op) {
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case 'in':
      return Array.isArray(b) ? b.some((x) => equal(x, a)) : typeof b === 'string' ? b.includes(String(a)) : b !== null && typeof b === 'object' && Object.hasOwn(b, String(a));
    case '+':
      if (typeof a === 'string' || typeof b === 'string') return `${a ?? ''}${b ?? ''}`;
      if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
      return number(a, op) + number(b, op);
    case '-':
      return number(a, op) - number(b, op);
    case '*':
      return number(a, op) * number(b, op);
    case '/':
    case '%': {
      const d = number(b, op);
      if (d === 0) throw new Error('division by zero');
      return op === '/' ? number(a, op) / d : number(a, op) % d;
    }
    default: {
      // < <= > >=: numbers with numbers, strings with strings
      if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) {
        throw new Error(`'${op}' compares two numbers or two strings, got ${kind(a)} and ${kind(b)}`);
      }
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    }
  }
}
