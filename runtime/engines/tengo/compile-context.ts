/**
 * The closure compiler's shared types. Each expression compiles to a JS closure over the frame `L`
 * (this call's locals) and `F` (the closure's captured cells); statements return a completion code
 * (0, RETURN, BREAK, CONTINUE). V8 inlines and optimises these closures well.
 */
import type { Expr, FuncLit, Stmt } from './ast';
import type { SourcePos } from './errors';
import type { Machine } from './machine';
import type { Pos } from './token';
import type { Cell, Value } from './values';

export type E = (L: Value[], F: Cell[]) => Value;
/** An expression used as a condition: already reduced to truthiness. */
export type C = (L: Value[], F: Cell[]) => boolean;
export type S = (L: Value[], F: Cell[]) => number;

/** What the expression and statement compilers need from the compiler that drives them. */
export interface Ctx {
  readonly m: Machine;
  readonly file: string;
  /** This file is an imported module (`export` returns), not the main script (`export` is ignored). */
  readonly isModule: boolean;
  /** The function being compiled: its return slot. */
  retSlot: number;
  expr(e: Expr): E;
  cond(e: Expr): C;
  stmt(s: Stmt): S;
  block(body: Stmt[]): S;
  /** Compiles a function literal's body once; returns the body and its frame size. */
  func(fn: FuncLit): { body: S; nlocals: number };
  /** The builtin function at an index of the builtin table. */
  builtin(index: number): Value;
  /** The value of `import(name)` (compiled at compile time, evaluated when reached). */
  importModule(name: string, pos: Pos): () => Value;
  at(pos: Pos): SourcePos;
}
