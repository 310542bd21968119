import type { Expr, FuncLit, IdentExpr, Program, Stmt } from './ast';
import { TengoError } from './errors';
import { tokenize } from './lexer';
import { COMPOUND_ASSIGN, describe, PRECEDENCE, type Pos, type Token } from './token';

/** Deepest nesting of expressions and blocks the parser accepts (a bound on its recursion). */
const MAX_NESTING = 300;
const INT64_MAX = (1n << 63n) - 1n;
const ASSIGN_OPS = new Set(['=', ':=', ...Object.keys(COMPOUND_ASSIGN)]);

/** Parses one Tengo source file; throws a `Parse Error` (or `Compile Error`) with its position. */
export function parse(src: string, file: string): Program {
  const p = new Parser(tokenize(src, file), file);
  const body = p.statements('eof');
  return { file, body, main: { pos: { line: 1, col: 1 }, params: [], variadic: false, body } };
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly toks: Token[],
    private readonly file: string,
  ) {}

  private get tok(): Token {
    return this.toks[this.i]!;
  }

  private peek(n = 1): Token {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)]!;
  }

  private next(): Token {
    const t = this.tok;
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private is(text: string): boolean {
    const t = this.tok;
    return (t.kind === 'op' || t.kind === 'keyword') && t.text === text;
  }

  private fail(msg: string, at: Pos = this.tok.pos, kind: 'Parse' | 'Compile' = 'Parse'): never {
    throw new TengoError(kind, msg, { file: this.file, ...at });
  }

  private expect(text: string): Token {
    if (!this.is(text)) this.fail(`expected '${text}', found ${describe(this.tok)}`);
    return this.next();
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) this.fail('code is nested too deeply');
  }

  /** Skips `;` tokens the lexer inserted at line ends inside brackets. */
  private skipNewlines(): void {
    while (this.tok.kind === ';' && this.tok.implicit) this.next();
  }

  statements(end: '}' | 'eof'): Stmt[] {
    const out: Stmt[] = [];
    for (;;) {
      while (this.tok.kind === ';') this.next();
      if (end === 'eof' ? this.tok.kind === 'eof' : this.is('}')) return out;
      if (this.tok.kind === 'eof') this.fail(`expected '}', found EOF`);
      out.push(this.statement());
      this.endOfStatement();
    }
  }

  private endOfStatement(): void {
    if (this.tok.kind === ';') this.next();
    else if (!this.is('}') && this.tok.kind !== 'eof') this.fail(`expected ';', found ${describe(this.tok)}`);
  }

  private block(): Stmt[] {
    this.enter();
    this.expect('{');
    const body = this.statements('}');
    this.expect('}');
    this.depth--;
    return body;
  }

  private statement(): Stmt {
    const t = this.tok;
    const pos = t.pos;
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'if':
          return this.ifStatement();
        case 'for':
          return this.forStatement();
        case 'return':
        case 'export': {
          this.next();
          const value = this.tok.kind === ';' || this.is('}') || this.tok.kind === 'eof' ? undefined : this.expr();
          return { t: t.text, pos, value } as Stmt;
        }
        case 'break':
        case 'continue':
          this.next();
          return { t: t.text, pos };
      }
    }
    if (this.is('{')) return { t: 'block', pos, body: this.block() };
    return this.simpleStatement();
  }

  private simpleStatement(): Stmt {
    const pos = this.tok.pos;
    const left = this.expr();
    if (this.is(',')) this.fail('tuple assignment not allowed', pos, 'Compile');
    const t = this.tok;
    if (t.kind === 'op' && ASSIGN_OPS.has(t.text)) {
      this.next();
      const value = this.expr();
      if (t.text === ':=') {
        if (left.t !== 'ident') this.fail(`operator ':=' not allowed with selector`, left.pos, 'Compile');
        return { t: 'define', pos, target: left, value };
      }
      this.assignable(left);
      return { t: 'assign', pos, op: t.text, target: left, value };
    }
    if (t.kind === 'op' && (t.text === '++' || t.text === '--')) {
      this.next();
      this.assignable(left);
      return { t: 'incdec', pos, op: t.text, target: left };
    }
    return { t: 'expr', pos, expr: left };
  }

  private assignable(e: Expr): void {
    if (e.t !== 'ident' && e.t !== 'index' && e.t !== 'selector') this.fail('cannot assign to this expression', e.pos, 'Compile');
  }

  private ifStatement(): Stmt {
    const pos = this.expect('if').pos;
    this.enter();
    let init: Stmt | undefined;
    let s = this.simpleStatement();
    if (this.tok.kind === ';') {
      this.next();
      init = s;
      s = this.simpleStatement();
    }
    if (s.t !== 'expr') this.fail('expected condition expression, found assignment', s.pos);
    const then = this.block();
    let els: Stmt[] | undefined;
    if (this.is('else')) {
      this.next();
      els = this.is('if') ? [this.ifStatement()] : this.block();
    }
    this.depth--;
    return { t: 'if', pos, init, test: s.expr, then, else: els };
  }

  private forStatement(): Stmt {
    const pos = this.expect('for').pos;
    this.enter();
    try {
      if (this.is('{')) return { t: 'for', pos, body: this.block() };
      if (this.tok.kind === 'ident' && (this.peek().text === ',' || this.peek().text === 'in')) return this.forIn(pos);
      let init: Stmt | undefined;
      if (this.tok.kind !== ';') {
        init = this.simpleStatement();
        if (this.is('{')) {
          if (init.t !== 'expr') this.fail('expected for loop condition', init.pos);
          return { t: 'for', pos, test: init.expr, body: this.block() };
        }
      }
      this.expectSemicolon();
      const test = this.tok.kind === ';' ? undefined : this.expr();
      this.expectSemicolon();
      const post = this.is('{') ? undefined : this.simpleStatement();
      return { t: 'for', pos, init, test, post, body: this.block() };
    } finally {
      this.depth--;
    }
  }

  private expectSemicolon(): void {
    if (this.tok.kind !== ';') this.fail(`expected ';', found ${describe(this.tok)}`);
    this.next();
  }

  private forIn(pos: Pos): Stmt {
    const first = this.ident();
    let key: IdentExpr | undefined;
    let value = first;
    if (this.is(',')) {
      this.next();
      key = first;
      value = this.ident();
    }
    this.expect('in');
    const iterable = this.expr();
    return { t: 'forin', pos, key, value, iterable, body: this.block() };
  }

  private ident(): IdentExpr {
    const t = this.tok;
    if (t.kind !== 'ident') this.fail(`expected identifier, found ${describe(t)}`);
    this.next();
    return { t: 'ident', pos: t.pos, name: t.text };
  }

  expr(): Expr {
    this.enter();
    const test = this.binary(1);
    let out = test;
    if (this.is('?')) {
      this.next();
      this.skipNewlines();
      const then = this.expr();
      this.skipNewlines();
      this.expect(':');
      this.skipNewlines();
      out = { t: 'cond', pos: test.pos, test, then, else: this.expr() };
    }
    this.depth--;
    return out;
  }

  private binary(minPrec: number): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.tok;
      const prec = t.kind === 'op' ? PRECEDENCE[t.text] : undefined;
      if (prec === undefined || prec < minPrec) return left;
      this.next();
      this.skipNewlines();
      const right = this.binary(prec + 1);
      left = { t: 'binary', pos: left.pos, op: t.text, left, right };
    }
  }

  private unary(): Expr {
    const t = this.tok;
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '!' || t.text === '^')) {
      this.next();
      this.enter();
      const operand = this.unary();
      this.depth--;
      return { t: 'unary', pos: t.pos, op: t.text, operand };
    }
    return this.postfix(this.primary());
  }

  private postfix(e: Expr): Expr {
    for (;;) {
      const t = this.tok;
      if (t.kind !== 'op') return e;
      if (t.text === '.') {
        this.next();
        const name = this.tok;
        if (name.kind !== 'ident') this.fail(`expected selector, found ${describe(name)}`);
        this.next();
        e = { t: 'selector', pos: e.pos, target: e, name: name.text };
      } else if (t.text === '[') {
        e = this.indexOrSlice(e);
      } else if (t.text === '(') {
        e = this.call(e);
      } else {
        return e;
      }
    }
  }

  private indexOrSlice(target: Expr): Expr {
    this.expect('[');
    const pos = target.pos;
    this.skipNewlines();
    let low: Expr | undefined;
    if (!this.is(':')) low = this.expr();
    this.skipNewlines();
    if (this.is(':')) {
      this.next();
      this.skipNewlines();
      const high = this.is(']') ? undefined : this.expr();
      this.skipNewlines();
      this.expect(']');
      return { t: 'slice', pos, target, low, high };
    }
    this.expect(']');
    return { t: 'index', pos, target, index: low! };
  }

  private call(callee: Expr): Expr {
    this.expect('(');
    const pos = callee.pos;
    const args: Expr[] = [];
    let spread = false;
    this.skipNewlines();
    while (!this.is(')')) {
      args.push(this.expr());
      if (this.is('...')) {
        this.next();
        spread = true;
        this.skipNewlines();
        break;
      }
      this.skipNewlines();
      if (!this.is(',')) break;
      this.next();
      this.skipNewlines();
    }
    this.skipNewlines();
    this.expect(')');
    return { t: 'call', pos, callee, args, spread };
  }

  private primary(): Expr {
    const t = this.tok;
    const pos = t.pos;
    switch (t.kind) {
      case 'ident':
        this.next();
        return { t: 'ident', pos, name: t.text };
      case 'int':
        this.next();
        return { t: 'int', pos, value: this.intValue(t) };
      case 'float':
        this.next();
        return { t: 'float', pos, value: Number(t.text) };
      case 'string':
        this.next();
        return { t: 'string', pos, value: t.text };
      case 'char':
        this.next();
        return { t: 'char', pos, value: t.text.codePointAt(0)! };
      case 'keyword':
        return this.keywordExpr(t);
      case 'op':
        if (t.text === '(') {
          this.next();
          this.skipNewlines();
          const e = this.expr();
          this.skipNewlines();
          this.expect(')');
          return e;
        }
        if (t.text === '[') return this.arrayLit();
        if (t.text === '{') return this.mapLit();
    }
    return this.fail(`expected operand, found ${describe(t)}`);
  }

  private keywordExpr(t: Token): Expr {
    const pos = t.pos;
    switch (t.text) {
      case 'true':
      case 'false':
        this.next();
        return { t: 'bool', pos, value: t.text === 'true' };
      case 'undefined':
        this.next();
        return { t: 'undefined', pos };
      case 'func':
        return { t: 'func', pos, fn: this.funcLit() };
      case 'error':
      case 'immutable': {
        this.next();
        this.expect('(');
        this.skipNewlines();
        const value = this.expr();
        this.skipNewlines();
        this.expect(')');
        return { t: t.text as 'error' | 'immutable', pos, value } as Expr;
      }
      case 'import': {
        this.next();
        this.expect('(');
        const name = this.tok;
        if (name.kind !== 'string') this.fail(`expected module name string, found ${describe(name)}`);
        this.next();
        this.expect(')');
        return { t: 'import', pos, name: name.text };
      }
    }
    return this.fail(`expected operand, found ${describe(t)}`);
  }

  private funcLit(): FuncLit {
    const pos = this.expect('func').pos;
    this.expect('(');
    const params: FuncLit['params'] = [];
    let variadic = false;
    while (!this.is(')')) {
      if (variadic) this.fail('only the last parameter can be variadic');
      if (this.is('...')) {
        this.next();
        variadic = true;
      }
      const id = this.ident();
      if (this.is('...')) this.fail(`'...' goes before the parameter name: ...${id.name}`);
      params.push({ name: id.name, pos: id.pos });
      if (!this.is(',')) break;
      this.next();
    }
    this.expect(')');
    return { pos, params, variadic, body: this.block() };
  }

  private arrayLit(): Expr {
    const pos = this.expect('[').pos;
    this.enter();
    const items: Expr[] = [];
    this.skipNewlines();
    while (!this.is(']')) {
      items.push(this.expr());
      this.skipNewlines();
      if (!this.is(',')) break;
      this.next();
      this.skipNewlines();
    }
    this.expect(']');
    this.depth--;
    return { t: 'array', pos, items };
  }

  private mapLit(): Expr {
    const pos = this.expect('{').pos;
    this.enter();
    const entries: { key: string; value: Expr }[] = [];
    this.skipNewlines();
    while (!this.is('}')) {
      const k = this.tok;
      if (k.kind !== 'ident' && k.kind !== 'string') this.fail(`expected map key, found ${describe(k)}`);
      this.next();
      this.expect(':');
      this.skipNewlines();
      entries.push({ key: k.text, value: this.expr() });
      this.skipNewlines();
      if (!this.is(',')) break;
      this.next();
      this.skipNewlines();
    }
    this.expect('}');
    this.depth--;
    return { t: 'map', pos, entries };
  }

  private intValue(t: Token): number | bigint {
    let text = t.text;
    if (/^0[0-7]+$/.test(text)) text = `0o${text.slice(1)}`;
    let v: bigint;
    try {
      v = BigInt(text);
    } catch {
      return this.fail(`invalid integer literal ${t.raw}`, t.pos);
    }
    if (v > INT64_MAX) this.fail(`integer literal ${t.raw} is out of range`, t.pos);
    return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  }
}
