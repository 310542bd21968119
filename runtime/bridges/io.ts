import { z } from 'zod';
import { BridgeError, type BridgeCallContext, type BridgeHandlers } from './types';

/** Where a run's `io.read()` lines come from: stdin in the CLI, the input box in the studio. */
export interface RunInput {
  /** The next line without its newline, or null at the end of input. */
  readLine(signal: AbortSignal): Promise<string | null>;
  /** Everything left, or null when input already ended. */
  readAll(signal: AbortSignal): Promise<string | null>;
}

function getInput(ctx: BridgeCallContext): RunInput {
  const input = ctx.services.input as RunInput | undefined;
  if (!input) throw new BridgeError('this run has no input (io.read is not available here)', 'no_input');
  return input;
}

const Format = z.enum(['l', 'L', 'n', 'a']);

/** Host side of `io.read`. */
export const ioHandlers: BridgeHandlers = {
  'io.read': async (args, ctx) => {
    const parsed = Format.safeParse(args[0] ?? 'l');
    if (!parsed.success) throw new BridgeError(`io.read: invalid format ${JSON.stringify(args[0])}`, 'bad_argument');
    const input = getInput(ctx);
    if (parsed.data === 'a') return input.readAll(ctx.signal);
    const line = await input.readLine(ctx.signal);
    if (line === null) return null;
    return parsed.data === 'L' ? `${line}\n` : line;
  },
};
