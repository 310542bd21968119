import type { Pos } from './token';

/** Which stage found the problem; the first words of the message, as Tengo prints them. */
export type TengoErrorKind = 'Parse' | 'Compile' | 'Runtime';

/** A place in a named file, as an error's trace shows it. */
export interface SourcePos extends Pos {
  file: string;
}

/** Most call sites a runtime error's trace keeps (the innermost ones). */
const MAX_TRACE = 32;

/**
 * A Tengo error: `Parse Error: …`, `Compile Error: …` or `Runtime Error: …`, followed by
 * `\tat file:line:col` lines, innermost first. A spell cannot catch it (Tengo has no exceptions).
 */
export class TengoError extends Error {
  readonly trace: SourcePos[] = [];
  /** Positions past MAX_TRACE that were dropped. */
  dropped = 0;

  constructor(
    readonly kind: TengoErrorKind,
    readonly detail: string,
    at?: SourcePos,
  ) {
    // No message to Error itself: it would become an own property hiding the getter below.
    super();
    this.name = 'TengoError';
    if (at) this.trace.push(at);
  }

  /** Adds an outer call site to the trace. */
  addFrame(at: SourcePos): this {
    if (this.trace.length < MAX_TRACE) this.trace.push(at);
    else this.dropped++;
    return this;
  }

  /** The whole text, Tengo style. */
  format(): string {
    const lines = [`${this.kind} Error: ${this.detail}`, ...this.trace.map((p) => `\tat ${p.file}:${p.line}:${p.col}`)];
    if (this.dropped > 0) lines.push(`\t... ${this.dropped} more`);
    return lines.join('\n');
  }

  override get message(): string {
    return this.format();
  }

}

/**
 * Thrown by the machine when the run must end whatever the script does: stop requested, time or
 * instruction budget spent, memory cap reached. Nothing in the interpreter converts it.
 */
export class TengoAbort extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TengoAbort';
  }
}

/** A runtime error without a position yet; the nearest call site or operation adds its own. */
export function runtimeError(detail: string): TengoError {
  return new TengoError('Runtime', detail);
}
