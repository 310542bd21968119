/**
 * Resolves every identifier of a program before code generation: which frame slot a local uses,
 * which enclosing variables a function captures (those locals become shared cells), and reports
 * Tengo's compile errors (`unresolved reference 'x'`, `'x' redeclared in this block`).
 */
import type { Expr, FuncLit, IdentExpr, Program, Stmt, Sym } from './ast';
import { TengoError } from './errors';
import type { Pos } from './token';

interface FnScope {
  lit: FuncLit;
  /** The scope the function literal appears in (undefined for the module function). */
  parent: Scope | undefined;
  nlocals: number;
  free: Sym[];
  freeByName: Map<string, Sym>;
}

interface Scope {
  fn: FnScope;
  parent: Scope | undefined;
  names: Map<string, Sym>;
}

/** Annotates `program` in place; `builtins` are the names every module sees. */
export function resolveProgram(program: Program, builtins: readonly string[]): void {
  new Resolver(program.file, new Map(builtins.map((b, i) => [b, i]))).fn(program.main, undefined);
}

class Resolver {
  constructor(
    private readonly file: string,
    private readonly builtins: Map<string, number>,
  ) {}

  private fail(msg: string, pos: Pos): never {
    throw new TengoError('Compile', msg, { file: this.file, ...pos });
  }

  fn(lit: FuncLit, parent: Scope | undefined): void {
    const fn: FnScope = { lit, parent, nlocals: 0, free: [], freeByName: new Map() };
    const params: Scope = { fn, parent: undefined, names: new Map() };
    for (const p of lit.params) {
      if (params.names.has(p.name)) this.fail(`'${p.name}' redeclared in this block`, p.pos);
      p.sym = this.define(params, p.name);
    }
    this.block(lit.body, this.child(params));
    lit.nlocals = fn.nlocals;
    lit.free = fn.free;
  }

  private child(s: Scope): Scope {
    return { fn: s.fn, parent: s, names: new Map() };
  }

  private define(s: Scope, name: string): Sym {
    const sym: Sym = { name, kind: 'local', index: s.fn.nlocals++, captured: false };
    s.names.set(name, sym);
    return sym;
  }

  private lookup(s: Scope, name: string): Sym | undefined {
    for (let c: Scope | undefined = s; c; c = c.parent) {
      const found = c.names.get(name);
      if (found) return found;
    }
    const fn = s.fn;
    const cached = fn.freeByName.get(name);
    if (cached) return cached;
    if (!fn.parent) return undefined;
    const outer = this.lookup(fn.parent, name);
    if (!outer || outer.kind === 'builtin') return outer;
    if (outer.kind === 'local') outer.captured = true;
    const sym: Sym = { name, kind: 'free', index: fn.free.length, captured: false, outer };
    fn.free.push(sym);
    fn.freeByName.set(name, sym);
    return sym;
  }

  private use(id: IdentExpr, s: Scope): void {
    const sym = this.lookup(s, id.name);
    if (sym) {
      id.sym = sym;
      return;
    }
    const b = this.builtins.get(id.name);
    if (b === undefined) this.fail(`unresolved reference '${id.name}'`, id.pos);
    id.sym = { name: id.name, kind: 'builtin', index: b, captured: false };
  }

  private block(body: Stmt[], s: Scope): void {
    for (const st of body) this.stmt(st, s);
  }

  private stmt(st: Stmt, s: Scope): void {
    switch (st.t) {
      case 'expr':
        return this.expr(st.expr, s);
      case 'define': {
        if (s.names.has(st.target.name)) this.fail(`'${st.target.name}' redeclared in this block`, st.target.pos);
        // A function literal sees its own name, so `fib := func(n) { … fib(n-1) … }` recurses.
        if (st.value.t === 'func') {
          st.target.sym = this.define(s, st.target.name);
          this.expr(st.value, s);
        } else {
          this.expr(st.value, s);
          st.target.sym = this.define(s, st.target.name);
        }
        return;
      }
      case 'assign':
        this.expr(st.value, s);
        return this.target(st.target, s);
      case 'incdec':
        return this.target(st.target, s);
      case 'if': {
        const inner = this.child(s);
        if (st.init) this.stmt(st.init, inner);
        this.expr(st.test, inner);
        this.block(st.then, this.child(inner));
        if (st.else) this.block(st.else, this.child(inner));
        return;
      }
      case 'for': {
        const inner = this.child(s);
        if (st.init) this.stmt(st.init, inner);
        if (st.test) this.expr(st.test, inner);
        if (st.post) this.stmt(st.post, inner);
        this.block(st.body, this.child(inner));
        return;
      }
      case 'forin': {
        this.expr(st.iterable, s);
        const inner = this.child(s);
        if (st.key && st.key.name !== '_') st.key.sym = this.define(inner, st.key.name);
        if (st.value.name !== '_') st.value.sym = this.define(inner, st.value.name);
        this.block(st.body, this.child(inner));
        return;
      }
      case 'block':
        return this.block(st.body, this.child(s));
      case 'return':
      case 'export':
        if (st.value) this.expr(st.value, s);
        return;
    }
  }

  private target(e: Expr, s: Scope): void {
    if (e.t === 'ident') {
      this.use(e, s);
      if (e.sym!.kind === 'builtin') this.fail(`cannot assign to builtin function '${e.name}'`, e.pos);
      return;
    }
    this.expr(e, s);
  }

  private expr(e: Expr, s: Scope): void {
    switch (e.t) {
      case 'ident':
        return this.use(e, s);
      case 'array':
        for (const x of e.items) this.expr(x, s);
        return;
      case 'map':
        for (const x of e.entries) this.expr(x.value, s);
        return;
      case 'func':
        return this.fn(e.fn, s);
      case 'call':
        this.expr(e.callee, s);
        for (const a of e.args) this.expr(a, s);
        return;
      case 'index':
        this.expr(e.target, s);
        return this.expr(e.index, s);
      case 'slice':
        this.expr(e.target, s);
        if (e.low) this.expr(e.low, s);
        if (e.high) this.expr(e.high, s);
        return;
      case 'selector':
        return this.expr(e.target, s);
      case 'unary':
        return this.expr(e.operand, s);
      case 'binary':
        this.expr(e.left, s);
        return this.expr(e.right, s);
      case 'cond':
        this.expr(e.test, s);
        this.expr(e.then, s);
        return this.expr(e.else, s);
      case 'error':
      case 'immutable':
        return this.expr(e.value, s);
    }
  }
}
