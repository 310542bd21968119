/**
 * Compiles a Tengo file (and the source modules it imports) to closures and runs it. Entry point of
 * the interpreter: `compile(source, file, options)()` runs the script and returns its value.
 */
import type { Expr, FuncLit, Stmt } from './ast';
import { BUILTIN_NAMES, makeBuiltins } from './builtins';
import { atCallSite, invoke } from './call';
import type { C, Ctx, E, S } from './compile-context';
import { compileCond, compileExpr, freeze } from './compile-expr';
import { compileStmt, sequence } from './compile-stmt';
import { TengoAbort, TengoError, type SourcePos } from './errors';
import { RETURN, type Machine } from './machine';
import { parse } from './parser';
import { resolveProgram } from './scope';
import type { Pos } from './token';
import { Cell, type TBuiltin, type Value } from './values';

/** Where imports come from. */
export interface CompileOptions {
  machine: Machine;
  /** A standard-library or bridge module by name, or undefined when there is none. */
  module?: (name: string) => Value | undefined;
  /** A spell-local source module (`import("./util")`), resolved against the importing file. */
  readSource?: (name: string, fromFile: string) => { file: string; source: string } | undefined;
}

interface Session {
  opts: CompileOptions;
  builtins: TBuiltin[];
  /** Source modules by file: their value once run. */
  modules: Map<string, () => Value>;
  compiling: string[];
}

class Compiler implements Ctx {
  retSlot = 0;
  readonly m: Machine;

  constructor(
    private readonly session: Session,
    readonly file: string,
    readonly isModule: boolean,
  ) {
    this.m = session.opts.machine;
  }

  at(pos: Pos): SourcePos {
    return { file: this.file, line: pos.line, col: pos.col };
  }

  expr(e: Expr): E {
    return compileExpr(this, e);
  }

  cond(e: Expr): C {
    return compileCond(this, e);
  }

  stmt(s: Stmt): S {
    return compileStmt(this, s);
  }

  block(body: Stmt[]): S {
    return sequence(body.map((s) => this.stmt(s)));
  }

  builtin(index: number): Value {
    return this.session.builtins[index];
  }

  func(fn: FuncLit): { body: S; nlocals: number } {
    const nlocals = fn.nlocals!;
    const saved = this.retSlot;
    this.retSlot = nlocals;
    const prologue: S[] = [];
    // Captured parameters live in cells; the caller wrote plain values into their slots.
    for (const p of fn.params) {
      if (p.sym?.captured) {
        const i = p.sym.index;
        prologue.push((L) => {
          L[i] = new Cell(L[i]) as unknown as Value;
          return 0;
        });
      }
    }
    const body = sequence([...prologue, ...fn.body.map((s) => this.stmt(s))]);
    this.retSlot = saved;
    return { body, nlocals };
  }

  importModule(name: string, pos: Pos): () => Value {
    const at = this.at(pos);
    const builtin = this.session.opts.module?.(name);
    if (builtin !== undefined) return () => builtin;
    let src: { file: string; source: string } | undefined;
    try {
      src = this.session.opts.readSource?.(name, this.file);
    } catch (e) {
      // A reader's refusal (outside the spell's folder, too large) is this import's compile error.
      if (e instanceof TengoError && e.trace.length === 0) e.addFrame(at);
      throw e;
    }
    if (!src) throw new TengoError('Compile', `module '${name}' not found`, at);
    const cached = this.session.modules.get(src.file);
    if (cached) return cached;
    if (this.session.compiling.includes(src.file)) throw new TengoError('Compile', `cyclic module import: ${name}`, at);
    this.session.compiling.push(src.file);
    const run = compileFile(this.session, src.source, src.file, true);
    this.session.compiling.pop();
    let done = false;
    let value: Value;
    const load = () => {
      if (!done) {
        try {
          value = freeze(run());
        } catch (e) {
          throw atCallSite(e, at);
        }
        done = true;
      }
      return value;
    };
    this.session.modules.set(src.file, load);
    return load;
  }
}

function compileFile(session: Session, source: string, file: string, isModule: boolean): () => Value {
  const program = parse(source, file);
  resolveProgram(program, BUILTIN_NAMES);
  const c = new Compiler(session, file, isModule);
  const { body, nlocals } = c.func(program.main);
  return () => {
    const L: Value[] = new Array(nlocals + 1);
    const code = body(L, []);
    return code === RETURN ? L[nlocals] : undefined;
  };
}

/**
 * Parses, resolves and compiles a script; throws a `Parse Error` / `Compile Error`. The returned
 * function runs it (throwing `Runtime Error`s, or TengoAbort when a limit ends it).
 */
export function compile(source: string, file: string, opts: CompileOptions): () => Value {
  opts.machine.invoke = invoke;
  const session: Session = { opts, builtins: makeBuiltins(opts.machine), modules: new Map(), compiling: [file] };
  let run: () => Value;
  try {
    run = compileFile(session, source, file, false);
  } catch (e) {
    if (e instanceof RangeError) throw new TengoError('Parse', 'code is nested too deeply', { file, line: 1, col: 1 });
    throw e;
  }
  return () => {
    try {
      return run();
    } catch (e) {
      if (e instanceof TengoError || e instanceof TengoAbort) throw e;
      if (e instanceof RangeError) throw new TengoError('Runtime', /call stack/i.test(e.message) ? 'stack overflow' : e.message, { file, line: 1, col: 1 });
      throw e;
    }
  };
}
