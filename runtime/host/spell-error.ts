import type { ErrorInfo } from '../contract/engine-protocol';

/**
 * Turns whatever a VM threw into the run's error: Lua's text stays as is (`hello.lua:3: ...`), and the
 * file and line are also given as fields for editors to jump to.
 */
export function describeSpellError(error: unknown, fileName: string, stopReason?: string): ErrorInfo {
  const message = error instanceof Error ? error.message : String(error);
  const located = /^(.+?):(\d+): /.exec(message);
  const info: ErrorInfo = { message, code: classify(message, stopReason) };
  if (located && located[1] === fileName) {
    info.file = located[1];
    info.line = Number(located[2]);
  }
  if (stopReason && !message.includes(stopReason)) info.message = stopReason;
  return info;
}

function classify(message: string, stopReason?: string): string {
  if (stopReason?.includes('time limit') || message.includes('time limit')) return 'timeout';
  if (stopReason) return 'stopped';
  if (message.includes('not enough memory')) return 'memory';
  if (message.includes('run exceeded its instruction limit')) return 'instruction_limit';
  return 'spell_error';
}
