/** Statements to closures returning a completion code; loops count down the machine's budget. */
import type { Expr, IdentExpr, Stmt } from './ast';
import { atCallSite } from './call';
import { binSlow, freeze } from './compile-expr';
import type { Ctx, E, S } from './compile-context';
import type { SourcePos } from './errors';
import { runtimeError } from './errors';
import { indexGet, indexSet } from './index-ops';
import { BREAK, CONTINUE, RETURN, type Machine } from './machine';
import { COMPOUND_ASSIGN } from './token';
import { runes } from './utf8';
import { Cell, char, ImmutableArray, ImmutableMap, TArray, typeName, type Value } from './values';

const MAX = Number.MAX_SAFE_INTEGER;

/** Runs statements in order; stops at the first that breaks, continues or returns. */
export function sequence(ss: S[]): S {
  const n = ss.length;
  if (n === 0) return () => 0;
  if (n === 1) return ss[0]!;
  if (n === 2) {
    const [a, b] = ss as [S, S];
    return (L, F) => {
      const c = a(L, F);
      return c !== 0 ? c : b(L, F);
    };
  }
  return (L, F) => {
    for (let i = 0; i < n; i++) {
      const c = ss[i]!(L, F);
      if (c !== 0) return c;
    }
    return 0;
  };
}

function applyOp(m: Machine, op: string, at: SourcePos): (a: Value, b: Value) => Value {
  return (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') {
      if (op === '+') {
        const s = a + b;
        if (s <= MAX && s >= -MAX) return s;
      } else if (op === '-') {
        const s = a - b;
        if (s <= MAX && s >= -MAX) return s;
      }
    }
    return binSlow(m, op, a, b, at);
  };
}

/** Writes to a variable: a plain slot, a captured local's cell, or a captured outer cell. */
function setter(id: IdentExpr): (L: Value[], F: Cell[], v: Value) => void {
  const sym = id.sym!;
  const i = sym.index;
  if (sym.kind === 'free') {
    return (_L, F, v) => {
      F[i]!.v = v;
    };
  }
  if (sym.captured) {
    return (L, _F, v) => {
      (L[i] as unknown as Cell).v = v;
    };
  }
  return (L, _F, v) => {
    L[i] = v;
  };
}

function setSlow(t: Value, k: Value, v: Value, at: SourcePos): void {
  try {
    indexSet(t, k, v);
  } catch (e) {
    throw atCallSite(e, at);
  }
}

function getSlow(t: Value, k: Value, at: SourcePos): Value {
  try {
    return indexGet(t, k);
  } catch (e) {
    throw atCallSite(e, at);
  }
}

/** `target op= value`; `op` undefined for plain `=`. The value is evaluated first, as in Tengo. */
function assign(ctx: Ctx, target: Expr, value: E, op: string | undefined, at: SourcePos): S {
  const apply = op ? applyOp(ctx.m, op, at) : undefined;
  if (target.t === 'ident') {
    const set = setter(target);
    if (!apply) {
      return (L, F) => {
        set(L, F, value(L, F));
        return 0;
      };
    }
    const get = ctx.expr(target);
    return (L, F) => {
      const v = value(L, F);
      set(L, F, apply(get(L, F), v));
      return 0;
    };
  }
  if (target.t !== 'index' && target.t !== 'selector') throw runtimeError('cannot assign');
  const te = ctx.expr(target.target);
  const ke: E =
    target.t === 'selector'
      ? (() => {
          const name = target.name;
          return () => name;
        })()
      : ctx.expr(target.index);
  const tat = ctx.at(target.pos);
  return (L, F) => {
    let v = value(L, F);
    const t = te(L, F);
    const k = ke(L, F);
    if (apply) v = apply(getSlow(t, k, tat), v);
    if (t instanceof TArray && typeof k === 'number' && k >= 0 && k < t.n) t.a[k] = v;
    else if (t instanceof Map && typeof k === 'string') t.set(k, v);
    else setSlow(t, k, v, tat);
    return 0;
  };
}

function define(ctx: Ctx, s: Extract<Stmt, { t: 'define' }>): S {
  const v = ctx.expr(s.value);
  const sym = s.target.sym!;
  const i = sym.index;
  if (!sym.captured) {
    return (L, F) => {
      L[i] = v(L, F);
      return 0;
    };
  }
  // Each `:=` makes a fresh variable: closures made in earlier loop iterations keep their own.
  if (s.value.t === 'func') {
    return (L, F) => {
      const c = new Cell(undefined);
      L[i] = c as unknown as Value;
      c.v = v(L, F);
      return 0;
    };
  }
  return (L, F) => {
    L[i] = new Cell(v(L, F)) as unknown as Value;
    return 0;
  };
}

/** Binds a for-in variable for one iteration (a fresh cell when a closure captures it). */
function binder(id: IdentExpr | undefined): (L: Value[], v: Value) => void {
  const sym = id?.sym;
  if (!sym) return () => undefined;
  const i = sym.index;
  if (sym.captured) {
    return (L, v) => {
      L[i] = new Cell(v) as unknown as Value;
    };
  }
  return (L, v) => {
    L[i] = v;
  };
}

function forIn(ctx: Ctx, s: Extract<Stmt, { t: 'forin' }>): S {
  const it = ctx.expr(s.iterable);
  const bindK = binder(s.key);
  const bindV = binder(s.value);
  const body = ctx.block(s.body);
  const m = ctx.m;
  const at = ctx.at(s.iterable.pos);
  /** One iteration: 0 to go on, BREAK or RETURN to leave the loop. */
  const step = (L: Value[], F: Cell[], k: Value, v: Value): number => {
    bindK(L, k);
    bindV(L, v);
    const c = body(L, F);
    if (--m.budget <= 0) m.tick();
    return c === BREAK || c === RETURN ? c : 0;
  };
  return (L, F) => {
    const x = it(L, F);
    let c = 0;
    if (x instanceof TArray || x instanceof ImmutableArray) {
      const a = x instanceof TArray ? x.a : x.items;
      const n = x instanceof TArray ? x.n : x.items.length;
      for (let i = 0; i < n && c === 0; i++) c = step(L, F, i, a[i]);
    } else if (x instanceof Map || x instanceof ImmutableMap) {
      const map = x instanceof Map ? x : x.map;
      for (const k of [...map.keys()]) {
        if (map.has(k)) c = step(L, F, k, map.get(k));
        if (c !== 0) break;
      }
    } else if (typeof x === 'string') {
      const rs = runes(x);
      for (let i = 0; i < rs.length && c === 0; i++) c = step(L, F, i, char(rs[i]!));
    } else if (x instanceof Uint8Array) {
      for (let i = 0; i < x.length && c === 0; i++) c = step(L, F, i, x[i]);
    } else if (x !== undefined) {
      throw atCallSite(runtimeError(`not iterable: ${typeName(x)}`), at);
    }
    return c === RETURN ? RETURN : 0;
  };
}

function forLoop(ctx: Ctx, s: Extract<Stmt, { t: 'for' }>): S {
  const init = s.init ? ctx.stmt(s.init) : undefined;
  const test = s.test ? ctx.cond(s.test) : () => true;
  const post = s.post ? ctx.stmt(s.post) : () => 0;
  const body = ctx.block(s.body);
  const m = ctx.m;
  return (L, F) => {
    if (init) init(L, F);
    while (test(L, F)) {
      const c = body(L, F);
      if (c === BREAK) break;
      if (c === RETURN) return c;
      post(L, F);
      if (--m.budget <= 0) m.tick();
    }
    return 0;
  };
}

export function compileStmt(ctx: Ctx, s: Stmt): S {
  switch (s.t) {
    case 'expr': {
      const e = ctx.expr(s.expr);
      return (L, F) => {
        e(L, F);
        return 0;
      };
    }
    case 'define':
      return define(ctx, s);
    case 'assign':
      return assign(ctx, s.target, ctx.expr(s.value), s.op === '=' ? undefined : COMPOUND_ASSIGN[s.op], ctx.at(s.pos));
    case 'incdec':
      return assign(ctx, s.target, () => 1, s.op === '++' ? '+' : '-', ctx.at(s.pos));
    case 'if': {
      const init = s.init ? ctx.stmt(s.init) : undefined;
      const c = ctx.cond(s.test);
      const then = ctx.block(s.then);
      const els = s.else ? ctx.block(s.else) : () => 0;
      if (init) {
        return (L, F) => {
          init(L, F);
          return c(L, F) ? then(L, F) : els(L, F);
        };
      }
      return (L, F) => (c(L, F) ? then(L, F) : els(L, F));
    }
    case 'for':
      return forLoop(ctx, s);
    case 'forin':
      return forIn(ctx, s);
    case 'block':
      return ctx.block(s.body);
    case 'return':
    case 'export': {
      // `export` in the main script is ignored and not evaluated (tutorial: Modules).
      if (s.t === 'export' && !ctx.isModule) return () => 0;
      const slot = ctx.retSlot;
      if (!s.value) {
        return (L) => {
          L[slot] = undefined;
          return RETURN;
        };
      }
      const v = ctx.expr(s.value);
      if (s.t === 'export') {
        return (L, F) => {
          L[slot] = freeze(v(L, F));
          return RETURN;
        };
      }
      return (L, F) => {
        L[slot] = v(L, F);
        return RETURN;
      };
    }
    case 'break':
      return () => BREAK;
    case 'continue':
      return () => CONTINUE;
    case 'empty':
      return () => 0;
  }
}
