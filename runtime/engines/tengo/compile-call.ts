/**
 * Call expressions. Calls with up to three plain arguments get a specialised closure that builds
 * the callee's frame directly (the hot path of recursive code such as fib); everything else goes
 * through `invoke`.
 */
import type { Expr } from './ast';
import { atCallSite, invoke, spreadArgs, stackOverflow } from './call';
import type { Ctx, E } from './compile-context';
import type { SourcePos } from './errors';
import { RETURN, type Machine } from './machine';
import { TBuiltin, TFunction, type Value } from './values';

function slowCall(m: Machine, fn: Value, args: Value[], at: SourcePos): Value {
  try {
    return invoke(m, fn, args);
  } catch (e) {
    throw atCallSite(e, at);
  }
}

function run(m: Machine, fn: TFunction, L2: Value[], at: SourcePos): Value {
  if (--m.budget <= 0) m.tick();
  if (++m.depth > m.maxDepth) throw stackOverflow(at);
  let code: number;
  try {
    code = fn.body(L2, fn.free);
  } catch (e) {
    throw atCallSite(e, at);
  }
  m.depth--;
  return code === RETURN ? L2[fn.nlocals] : undefined;
}

export function compileCall(ctx: Ctx, e: Extract<Expr, { t: 'call' }>): E {
  const m = ctx.m;
  const at = ctx.at(e.pos);
  const fe = ctx.expr(e.callee);
  const args = e.args.map((a) => ctx.expr(a));
  const known = e.callee.t === 'ident' && e.callee.sym?.kind === 'builtin' ? ctx.builtin(e.callee.sym.index) : undefined;
  if (e.spread) {
    return (L, F) => {
      const fn = fe(L, F);
      const vals = args.map((a) => a(L, F));
      let spread: Value[];
      try {
        spread = spreadArgs(vals);
      } catch (err) {
        throw atCallSite(err, at);
      }
      return slowCall(m, fn, spread, at);
    };
  }
  if (known instanceof TBuiltin) {
    const f = known.fn;
    return (L, F) => {
      const vals = args.map((a) => a(L, F));
      try {
        return f(vals);
      } catch (err) {
        throw atCallSite(err, at);
      }
    };
  }
  switch (args.length) {
    case 0:
      return (L, F) => {
        const fn = fe(L, F);
        if (fn instanceof TFunction && fn.arity === 0) return run(m, fn, new Array(fn.nlocals + 1), at);
        return slowCall(m, fn, [], at);
      };
    case 1: {
      const [a0] = args as [E];
      return (L, F) => {
        const fn = fe(L, F);
        const x0 = a0(L, F);
        if (fn instanceof TFunction && fn.arity === 1) {
          const L2: Value[] = new Array(fn.nlocals + 1);
          L2[0] = x0;
          return run(m, fn, L2, at);
        }
        return slowCall(m, fn, [x0], at);
      };
    }
    case 2: {
      const [a0, a1] = args as [E, E];
      return (L, F) => {
        const fn = fe(L, F);
        const x0 = a0(L, F);
        const x1 = a1(L, F);
        if (fn instanceof TFunction && fn.arity === 2) {
          const L2: Value[] = new Array(fn.nlocals + 1);
          L2[0] = x0;
          L2[1] = x1;
          return run(m, fn, L2, at);
        }
        return slowCall(m, fn, [x0, x1], at);
      };
    }
    case 3: {
      const [a0, a1, a2] = args as [E, E, E];
      return (L, F) => {
        const fn = fe(L, F);
        const x0 = a0(L, F);
        const x1 = a1(L, F);
        const x2 = a2(L, F);
        if (fn instanceof TFunction && fn.arity === 3) {
          const L2: Value[] = new Array(fn.nlocals + 1);
          L2[0] = x0;
          L2[1] = x1;
          L2[2] = x2;
          return run(m, fn, L2, at);
        }
        return slowCall(m, fn, [x0, x1, x2], at);
      };
    }
  }
  return (L, F) => {
    const fn = fe(L, F);
    return slowCall(
      m,
      fn,
      args.map((a) => a(L, F)),
      at,
    );
  };
}
