/** The Tengo syntax tree the parser builds and the compiler walks. Every node carries its position. */
import type { Pos } from './token';

/** Filled in by the resolver (scope.ts): where an identifier's variable lives. */
export interface Sym {
  name: string;
  kind: 'local' | 'free' | 'builtin';
  /** Slot in the frame (local), in the closure's captured cells (free), or builtin index. */
  index: number;
  /** A local that some inner function captures: kept in a shared cell. */
  captured: boolean;
  /** For a free variable: the symbol it captures in the enclosing function. */
  outer?: Sym;
}

export type Expr =
  | { t: 'ident'; pos: Pos; name: string; sym?: Sym }
  | { t: 'int'; pos: Pos; value: number | bigint }
  | { t: 'float'; pos: Pos; value: number }
  | { t: 'string'; pos: Pos; value: string }
  | { t: 'char'; pos: Pos; value: number }
  | { t: 'bool'; pos: Pos; value: boolean }
  | { t: 'undefined'; pos: Pos }
  | { t: 'array'; pos: Pos; items: Expr[] }
  | { t: 'map'; pos: Pos; entries: { key: string; value: Expr }[] }
  | { t: 'func'; pos: Pos; fn: FuncLit }
  | { t: 'call'; pos: Pos; callee: Expr; args: Expr[]; spread: boolean }
  | { t: 'index'; pos: Pos; target: Expr; index: Expr }
  | { t: 'slice'; pos: Pos; target: Expr; low?: Expr; high?: Expr }
  | { t: 'selector'; pos: Pos; target: Expr; name: string }
  | { t: 'unary'; pos: Pos; op: string; operand: Expr }
  | { t: 'binary'; pos: Pos; op: string; left: Expr; right: Expr }
  | { t: 'cond'; pos: Pos; test: Expr; then: Expr; else: Expr }
  | { t: 'error'; pos: Pos; value: Expr }
  | { t: 'immutable'; pos: Pos; value: Expr }
  | { t: 'import'; pos: Pos; name: string };

/** A function literal; the resolver fills in its frame layout. */
export interface FuncLit {
  pos: Pos;
  params: { name: string; pos: Pos; sym?: Sym }[];
  variadic: boolean;
  body: Stmt[];
  /** Frame slots the function needs (parameters first). */
  nlocals?: number;
  /** Variables of enclosing functions it captures, in capture order. */
  free?: Sym[];
}

export type Stmt =
  | { t: 'expr'; pos: Pos; expr: Expr }
  | { t: 'define'; pos: Pos; target: Extract<Expr, { t: 'ident' }>; value: Expr }
  | { t: 'assign'; pos: Pos; op: string; target: Expr; value: Expr }
  | { t: 'incdec'; pos: Pos; op: '++' | '--'; target: Expr }
  | { t: 'if'; pos: Pos; init?: Stmt; test: Expr; then: Stmt[]; else?: Stmt[] }
  | { t: 'for'; pos: Pos; init?: Stmt; test?: Expr; post?: Stmt; body: Stmt[] }
  | { t: 'forin'; pos: Pos; key?: Extract<Expr, { t: 'ident' }>; value: Extract<Expr, { t: 'ident' }>; iterable: Expr; body: Stmt[] }
  | { t: 'block'; pos: Pos; body: Stmt[] }
  | { t: 'return'; pos: Pos; value?: Expr }
  | { t: 'export'; pos: Pos; value?: Expr }
  | { t: 'break'; pos: Pos }
  | { t: 'continue'; pos: Pos }
  | { t: 'empty'; pos: Pos };

export type IdentExpr = Extract<Expr, { t: 'ident' }>;

/** A parsed source file: the statements of its module function. */
export interface Program {
  file: string;
  body: Stmt[];
  /** The module function the resolver lays out (no parameters). */
  main: FuncLit;
}
