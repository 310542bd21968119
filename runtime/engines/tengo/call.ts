/**
 * Calling functions: the generic path (variadic parameters, `...` spreading, host functions) and
 * the error bookkeeping every call site shares (wrong arity, stack overflow, call-site positions).
 */
import { TengoAbort, TengoError, runtimeError, type SourcePos } from './errors';
import { RETURN, type Machine } from './machine';
import { arrayItems, newArray, TBuiltin, TFunction, typeName, type Value } from './values';

/** Turns whatever a call threw into a Tengo error that carries this call site. */
export function atCallSite(e: unknown, at: SourcePos): unknown {
  if (e instanceof TengoError) return e.kind === 'Runtime' || e.trace.length === 0 ? e.addFrame(at) : e;
  if (e instanceof TengoAbort) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) return new TengoError('Runtime', 'stack overflow', at);
  if (e instanceof RangeError && /string length|array length/i.test(e.message)) return new TengoError('Runtime', 'exceeding string size limit', at);
  return e;
}

export function stackOverflow(at: SourcePos): TengoError {
  return new TengoError('Runtime', 'stack overflow', at);
}

function wrongArgs(fn: TFunction, got: number): TengoError {
  const want = fn.variadic ? `want>=${fn.nparams - 1}` : `want=${fn.nparams}`;
  return runtimeError(`wrong number of arguments: ${want}, got=${got}`);
}

/** Expands a trailing `...` argument. */
export function spreadArgs(args: Value[]): Value[] {
  const last = args[args.length - 1];
  const items = arrayItems(last);
  if (!items) throw runtimeError(`cannot spread ${typeName(last)}: want an array`);
  return args.slice(0, -1).concat(items);
}

/** Runs a Tengo function's body on fresh frame `L`; returns its result. */
export function enter(m: Machine, fn: TFunction, L: Value[]): Value {
  if (--m.budget <= 0) m.tick();
  if (++m.depth > m.maxDepth) throw runtimeError('stack overflow');
  const code = fn.body(L, fn.free);
  m.depth--;
  return code === RETURN ? L[fn.nlocals] : undefined;
}

/** Calls any callable with an argument list (no spreading left to do). */
export function invoke(m: Machine, fn: Value, args: Value[]): Value {
  if (fn instanceof TFunction) {
    const np = fn.nparams;
    const L: Value[] = new Array(fn.nlocals + 1);
    if (fn.variadic) {
      if (args.length < np - 1) throw wrongArgs(fn, args.length);
      for (let i = 0; i < np - 1; i++) L[i] = args[i];
      L[np - 1] = newArray(args.slice(np - 1));
    } else {
      if (args.length !== np) throw wrongArgs(fn, args.length);
      for (let i = 0; i < np; i++) L[i] = args[i];
    }
    return enter(m, fn, L);
  }
  if (fn instanceof TBuiltin) return fn.fn(args);
  throw runtimeError(`not callable: ${typeName(fn)}`);
}
