/** Expressions to closures, with inline fast paths for ints, arrays and maps. */
import type { Expr, IdentExpr } from './ast';
import { atCallSite } from './call';
import { compileCall } from './compile-call';
import type { C, Ctx, E } from './compile-context';
import type { SourcePos } from './errors';
import { indexGet, sliceOf } from './index-ops';
import * as I from './int64';
import type { Machine } from './machine';
import { binaryOp, equals, unaryOp } from './ops';
import { Cell, char, ImmutableArray, ImmutableMap, itemsOf, TArray, TError, TFloat, TFunction, isFalsy, type Value } from './values';

const MAX = Number.MAX_SAFE_INTEGER;
const MIN = -MAX;

/** Any binary operation, with Tengo's string size limit and the error's position. */
export function binSlow(m: Machine, op: string, a: Value, b: Value, at: SourcePos): Value {
  let r: Value;
  try {
    r = binaryOp(op, a, b);
  } catch (e) {
    throw atCallSite(e, at);
  }
  if (typeof r === 'string' && r.length > m.maxStringBytes) throw atCallSite(runtimeErrorFor(m, r.length), at);
  return r;
}

function runtimeErrorFor(m: Machine, n: number): unknown {
  try {
    m.checkBytes(n);
  } catch (e) {
    return e;
  }
  return undefined;
}

function guarded<A extends unknown[]>(at: SourcePos, f: (...args: A) => Value): (...args: A) => Value {
  return (...args: A) => {
    try {
      return f(...args);
    } catch (e) {
      throw atCallSite(e, at);
    }
  };
}

const truthy = (v: Value): boolean => v === true || (v !== false && !isFalsy(v));

export function compileExpr(ctx: Ctx, e: Expr): E {
  switch (e.t) {
    case 'int':
    case 'string':
    case 'bool': {
      const v = e.value;
      return () => v;
    }
    case 'float': {
      const v = new TFloat(e.value);
      return () => v;
    }
    case 'char': {
      const v = char(e.value);
      return () => v;
    }
    case 'undefined':
      return () => undefined;
    case 'ident':
      return identGet(ctx, e);
    case 'array': {
      const items = e.items.map((x) => ctx.expr(x));
      const n = items.length;
      return (L, F) => {
        const a: Value[] = new Array(n);
        for (let i = 0; i < n; i++) a[i] = items[i]!(L, F);
        return new TArray(a, n);
      };
    }
    case 'map': {
      const keys = e.entries.map((x) => x.key);
      const vals = e.entries.map((x) => ctx.expr(x.value));
      return (L, F) => {
        const m = new Map<string, Value>();
        for (let i = 0; i < keys.length; i++) m.set(keys[i]!, vals[i]!(L, F));
        return m;
      };
    }
    case 'func':
      return funcLit(ctx, e);
    case 'call':
      return compileCall(ctx, e);
    case 'index': {
      const te = ctx.expr(e.target);
      const ie = ctx.expr(e.index);
      const slow = guarded(ctx.at(e.pos), indexGet);
      return (L, F) => {
        const t = te(L, F);
        const k = ie(L, F);
        if (t instanceof TArray && typeof k === 'number') return k >= 0 && k < t.n ? t.a[k] : undefined;
        if (t instanceof Map && typeof k === 'string') return t.get(k);
        return slow(t, k);
      };
    }
    case 'selector': {
      const te = ctx.expr(e.target);
      const name = e.name;
      const slow = guarded(ctx.at(e.pos), indexGet);
      return (L, F) => {
        const t = te(L, F);
        return t instanceof Map ? t.get(name) : slow(t, name);
      };
    }
    case 'slice': {
      const te = ctx.expr(e.target);
      const lo = e.low ? ctx.expr(e.low) : () => undefined;
      const hi = e.high ? ctx.expr(e.high) : () => undefined;
      const f = guarded(ctx.at(e.pos), sliceOf);
      return (L, F) => f(te(L, F), lo(L, F), hi(L, F));
    }
    case 'unary':
      return unary(ctx, e);
    case 'binary':
      return binary(ctx, e);
    case 'cond': {
      const c = ctx.cond(e.test);
      const a = ctx.expr(e.then);
      const b = ctx.expr(e.else);
      return (L, F) => (c(L, F) ? a(L, F) : b(L, F));
    }
    case 'error': {
      const v = ctx.expr(e.value);
      return (L, F) => new TError(v(L, F));
    }
    case 'immutable': {
      const v = ctx.expr(e.value);
      return (L, F) => freeze(v(L, F));
    }
    case 'import': {
      const load = ctx.importModule(e.name, e.pos);
      return () => load();
    }
  }
}

/** `immutable(x)`: an immutable copy of an array or map; any other value is already immutable. */
export function freeze(v: Value): Value {
  if (v instanceof TArray) return new ImmutableArray(itemsOf(v).slice());
  if (v instanceof Map) return new ImmutableMap(new Map(v));
  return v;
}

function identGet(ctx: Ctx, e: IdentExpr): E {
  const sym = e.sym!;
  const i = sym.index;
  if (sym.kind === 'builtin') {
    const v = ctx.builtin(i);
    return () => v;
  }
  if (sym.kind === 'free') return (_L, F) => F[i]!.v;
  if (sym.captured) return (L) => (L[i] as unknown as Cell).v;
  return (L) => L[i];
}

function funcLit(ctx: Ctx, e: Extract<Expr, { t: 'func' }>): E {
  const { body, nlocals } = ctx.func(e.fn);
  const np = e.fn.params.length;
  const variadic = e.fn.variadic;
  const file = ctx.file;
  const pos = e.pos;
  const free = e.fn.free ?? [];
  const grab = free.map((f): ((L: Value[], F: Cell[]) => Cell) => {
    const o = f.outer!;
    const j = o.index;
    return o.kind === 'local' ? (L) => L[j] as unknown as Cell : (_L, F) => F[j]!;
  });
  if (grab.length === 0) {
    const none: Cell[] = [];
    return () => new TFunction(body, np, variadic, nlocals, none, file, pos);
  }
  return (L, F) =>
    new TFunction(
      body,
      np,
      variadic,
      nlocals,
      grab.map((g) => g(L, F)),
      file,
      pos,
    );
}

function unary(ctx: Ctx, e: Extract<Expr, { t: 'unary' }>): E {
  const v = ctx.expr(e.operand);
  if (e.op === '!') return (L, F) => isFalsy(v(L, F));
  const op = e.op;
  const slow = guarded(ctx.at(e.pos), unaryOp);
  if (op === '-') {
    return (L, F) => {
      const x = v(L, F);
      return typeof x === 'number' ? 0 - x : slow(op, x);
    };
  }
  return (L, F) => slow(op, v(L, F));
}

/** A condition: comparisons already give booleans; anything else is reduced to truthiness. */
export function compileCond(ctx: Ctx, e: Expr): C {
  if (e.t === 'binary') {
    if (['<', '>', '<=', '>=', '==', '!='].includes(e.op)) return ctx.expr(e) as C;
    if (e.op === '&&') {
      const a = ctx.cond(e.left);
      const b = ctx.cond(e.right);
      return (L, F) => a(L, F) && b(L, F);
    }
    if (e.op === '||') {
      const a = ctx.cond(e.left);
      const b = ctx.cond(e.right);
      return (L, F) => a(L, F) || b(L, F);
    }
  }
  if (e.t === 'unary' && e.op === '!') {
    const a = ctx.cond(e.operand);
    return (L, F) => !a(L, F);
  }
  if (e.t === 'bool') {
    const v = e.value;
    return () => v;
  }
  const v = ctx.expr(e);
  return (L, F) => truthy(v(L, F));
}

function binary(ctx: Ctx, e: Extract<Expr, { t: 'binary' }>): E {
  const op = e.op;
  const l = ctx.expr(e.left);
  const r = ctx.expr(e.right);
  const at = ctx.at(e.pos);
  switch (op) {
    case '&&':
      return (L, F) => {
        const a = l(L, F);
        return isFalsy(a) ? a : r(L, F);
      };
    case '||':
      return (L, F) => {
        const a = l(L, F);
        return isFalsy(a) ? r(L, F) : a;
      };
    case '==':
      return (L, F) => {
        const a = l(L, F);
        const b = r(L, F);
        return typeof a !== 'object' ? a === b : equals(a, b);
      };
    case '!=':
      return (L, F) => {
        const a = l(L, F);
        const b = r(L, F);
        return typeof a !== 'object' ? a !== b : !equals(a, b);
      };
  }
  if (e.right.t === 'int' && typeof e.right.value === 'number') return withIntConstant(ctx.m, op, l, e.right.value, at);
  return arith(ctx.m, op, l, r, at);
}

function arith(m: Machine, op: string, l: E, r: E, at: SourcePos): E {
  switch (op) {
    case '+':
      return (L, F) => {
        const a = l(L, F);
        const b = r(L, F);
        if (typeof a === 'number' && typeof b === 'number') {
          const s = a + b;
          if (s <= MAX && s >= MIN) return s;
        } else if (typeof a === 'string' && typeof b === 'string') {
          if (a.length + b.length > m.maxStringBytes) throw atCallSite(runtimeErrorFor(m, a.length + b.length), at);
          return a + b;
        }
        return binSlow(m, op, a, b, at);
      };
    case '-':
      return (L, F) => {
        const a = l(L, F);
        const b = r(L, F);
        if (typeof a === 'number' && typeof b === 'number') {
          const s = a - b;
          if (s <= MAX && s >= MIN) return s;
        }
        return binSlow(m, op, a, b, at);
      };
    case '*':
      return (L, F) => {
        const a = l(L, F);
        const b = r(L, F);
        return typeof a === 'number' && typeof b === 'number' ? I.mul(a, b) : binSlow(m, op, a, b, at);
      };
    case '<':
      return (L, F) => {
        const a = l(L, F);
        const b = r(L, F);
        return typeof a === 'number' && typeof b === 'number' ? a < b : binSlow(m, op, a, b, at);
      };
    case '>':
      return (L, F) => {
        const a = l(L, F);
        const b = r(L, F);
        return typeof a === 'number' && typeof b === 'number' ? a > b : binSlow(m, op, a, b, at);
      };
    case '<=':
      return (L, F) => {
        const a = l(L, F);
        const b = r(L, F);
        return typeof a === 'number' && typeof b === 'number' ? a <= b : binSlow(m, op, a, b, at);
      };
    case '>=':
      return (L, F) => {
        const a = l(L, F);
        const b = r(L, F);
        return typeof a === 'number' && typeof b === 'number' ? a >= b : binSlow(m, op, a, b, at);
      };
  }
  return (L, F) => binSlow(m, op, l(L, F), r(L, F), at);
}

/** `x op k` with an int literal on the right (`n - 1`, `i < 10`): one type check. */
function withIntConstant(m: Machine, op: string, l: E, k: number, at: SourcePos): E {
  switch (op) {
    case '+':
      return (L, F) => {
        const a = l(L, F);
        if (typeof a === 'number') {
          const s = a + k;
          if (s <= MAX && s >= MIN) return s;
        }
        return binSlow(m, op, a, k, at);
      };
    case '-':
      return (L, F) => {
        const a = l(L, F);
        if (typeof a === 'number') {
          const s = a - k;
          if (s <= MAX && s >= MIN) return s;
        }
        return binSlow(m, op, a, k, at);
      };
    case '*':
      return (L, F) => {
        const a = l(L, F);
        return typeof a === 'number' ? I.mul(a, k) : binSlow(m, op, a, k, at);
      };
    case '%':
      if (k === 0) break;
      return (L, F) => {
        const a = l(L, F);
        return typeof a === 'number' ? (a % k) + 0 : binSlow(m, op, a, k, at);
      };
    case '/':
      if (k === 0) break;
      return (L, F) => {
        const a = l(L, F);
        return typeof a === 'number' ? (a - (a % k)) / k + 0 : binSlow(m, op, a, k, at);
      };
    case '<':
      return (L, F) => {
        const a = l(L, F);
        return typeof a === 'number' ? a < k : binSlow(m, op, a, k, at);
      };
    case '>':
      return (L, F) => {
        const a = l(L, F);
        return typeof a === 'number' ? a > k : binSlow(m, op, a, k, at);
      };
    case '<=':
      return (L, F) => {
        const a = l(L, F);
        return typeof a === 'number' ? a <= k : binSlow(m, op, a, k, at);
      };
    case '>=':
      return (L, F) => {
        const a = l(L, F);
        return typeof a === 'number' ? a >= k : binSlow(m, op, a, k, at);
      };
  }
  return (L, F) => binSlow(m, op, l(L, F), k, at);
}
