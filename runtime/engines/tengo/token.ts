/** Token kinds of the Tengo language, and where a token sits in its file. */

/** A place in a source file: 1-based line and column (in UTF-16 units, as editors count). */
export interface Pos {
  line: number;
  col: number;
}

export type TokenKind =
  | 'ident'
  | 'int'
  | 'float'
  | 'char'
  | 'string'
  | 'keyword'
  | 'op'
  | ';'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The text: an operator's spelling, an identifier, a literal's decoded value for strings and chars. */
  text: string;
  /** The literal as written (numbers, strings), for messages. */
  raw: string;
  pos: Pos;
  /** A `;` the lexer inserted at a line end (Go's rule), not one the author wrote. */
  implicit?: boolean;
}

export const KEYWORDS = new Set([
  'break',
  'continue',
  'else',
  'for',
  'func',
  'error',
  'immutable',
  'if',
  'return',
  'export',
  'true',
  'false',
  'in',
  'undefined',
  'import',
]);

/** Operators, longest first so the lexer takes the longest match. */
export const OPERATORS = [
  '&^=',
  '<<=',
  '>>=',
  '...',
  '&^',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '<<',
  '>>',
  '&&',
  '||',
  '++',
  '--',
  '==',
  '!=',
  '<=',
  '>=',
  ':=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '&',
  '|',
  '^',
  '<',
  '>',
  '=',
  '!',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  ':',
  '?',
];

/** Binary operator precedence (5 binds tightest), as the Tengo tutorial lists it. */
export const PRECEDENCE: Record<string, number> = {
  '*': 5,
  '/': 5,
  '%': 5,
  '<<': 5,
  '>>': 5,
  '&': 5,
  '&^': 5,
  '+': 4,
  '-': 4,
  '|': 4,
  '^': 4,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '&&': 2,
  '||': 1,
};

/** `a op= b` operators and the binary operator each applies. */
export const COMPOUND_ASSIGN: Record<string, string> = {
  '+=': '+',
  '-=': '-',
  '*=': '*',
  '/=': '/',
  '%=': '%',
  '&=': '&',
  '|=': '|',
  '^=': '^',
  '&^=': '&^',
  '<<=': '<<',
  '>>=': '>>',
};

/** How a token reads in an error message, as Go's parser says it: `x`, `'func'`, `newline`, `EOF`. */
export function describe(tok: Token): string {
  if (tok.kind === 'eof') return 'EOF';
  if (tok.kind === ';') return tok.implicit ? 'newline' : "';'";
  if (tok.kind === 'ident' || tok.kind === 'string' || tok.kind === 'char' || tok.kind === 'int' || tok.kind === 'float') return tok.raw;
  return `'${tok.text}'`;
}
