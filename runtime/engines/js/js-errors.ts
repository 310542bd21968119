/** An error thrown in the VM, as plain strings (the prelude's `describe`, or a dumped handle). */
export interface VmErrorInfo {
  name: string;
  message: string;
  stack: string;
  code?: string;
  /** The message is the whole story (the engine's own words): no error name, no "uncaught". */
  plain?: boolean;
}

/** A spell failed; `message` reads `main.js:3: TypeError: ...` when the line is known. */
export class JsRunError extends Error {
  override name = 'JsRunError';
}

/** Longest message kept (a spell can throw megabytes of text). */
const MAX_MESSAGE = 2000;

/** The first frame of the spell's file in a QuickJS stack (`at f (main.js:3:7)` or `at main.js:3:7`). */
export function spellFrame(stack: string, fileName: string): { fn: string; line: number } | undefined {
  for (const frame of stack.split('\n')) {
    const match = /^at (?:(\S+) \()?([^\s()]+?):(\d+)(?::\d+)?\)?$/.exec(frame.trim());
    if (match && match[2] === fileName) return { fn: match[1] ?? '', line: Number(match[3]) };
  }
  return undefined;
}

/**
 * The run's error text: `<file>:<line>: <Name>: <message>`. The VM's `interrupted` becomes the stop
 * reason (time limit, stop request); `out of memory` says so in the words the host classifies.
 */
export function describeVmError(error: VmErrorInfo, fileName: string, stopReason?: string): string {
  const frame = spellFrame(error.stack, fileName);
  let text: string;
  if (error.name === 'InternalError' && error.message === 'interrupted') {
    // QuickJS does not record where in a function an interrupt struck, only which function: name it
    // and point at its first line, or give no line for the module's top level.
    text = stopReason ?? 'interrupted';
    if (!frame || frame.fn.startsWith('<')) return `${fileName}: ${text}`;
    return `${fileName}:${frame.line}: ${text} (in ${frame.fn}())`;
  }
  if (error.message === 'out of memory') text = 'not enough memory (the run hit its memory limit)';
  else if (error.name === 'InternalError' && error.message === 'stack overflow') text = 'stack overflow (recursion too deep)';
  else if (error.plain) text = error.message;
  else text = error.name ? `${error.name}: ${error.message}` : `uncaught ${error.message}`;
  if (text.length > MAX_MESSAGE) text = `${text.slice(0, MAX_MESSAGE)}...`;
  return frame ? `${fileName}:${frame.line}: ${text}` : `${fileName}: ${text}`;
}

/** Reads what `ctx.dump` made of a thrown handle. */
export function fromDump(dumped: unknown): VmErrorInfo {
  if (dumped !== null && typeof dumped === 'object') {
    const d = dumped as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : String(v));
    return { name: text(d.name), message: text(d.message), stack: text(d.stack) };
  }
  return { name: '', message: String(dumped), stack: '' };
}
