import type { RunInput } from '../bridges/io';
import { LineInput } from '../services/line-input';
import type { CliContext } from './command';

/**
 * Whether `ctx` has a standard input, without reading a getter's (the CLI's own context makes
 * process.stdin on first use, see dispatch.ts).
 */
export function hasStdin(ctx: Pick<CliContext, 'stdin'>): boolean {
  const property = Object.getOwnPropertyDescriptor(ctx, 'stdin');
  return property !== undefined && (property.get !== undefined || property.value !== undefined);
}

/**
 * `io.read` lines from the CLI's stdin. Stdin is only touched once a spell reads (a spell that never
 * reads must not hold the terminal), and released when the run ends. `stdin` may be a function that
 * gives the stream: it is then made only when a spell reads.
 */
export function stdinInput(source: NodeJS.ReadableStream | (() => NodeJS.ReadableStream)): RunInput & { close(): void } {
  let stdin: NodeJS.ReadableStream | undefined;
  const lines = new LineInput();
  let attached = false;
  const onData = (chunk: Buffer | string) => lines.push(chunk.toString());
  const onEnd = () => lines.end();
  const attach = () => {
    if (attached) return;
    attached = true;
    stdin = typeof source === 'function' ? source() : source;
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.resume();
  };
  return {
    readLine(signal) {
      attach();
      return lines.readLine(signal);
    },
    readAll(signal) {
      attach();
      return lines.readAll(signal);
    },
    close() {
      if (!attached || !stdin) return;
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause();
      (stdin as { unref?: () => void }).unref?.();
    },
  };
}
