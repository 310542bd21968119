import type { RunInput } from '../bridges/io';
import { LineInput } from '../services/line-input';

/**
 * `io.read` lines from the CLI's stdin. Stdin is only touched once a spell reads (a spell that never
 * reads must not hold the terminal), and released when the run ends.
 */
export function stdinInput(stdin: NodeJS.ReadableStream): RunInput & { close(): void } {
  const lines = new LineInput();
  let attached = false;
  const onData = (chunk: Buffer | string) => lines.push(chunk.toString());
  const onEnd = () => lines.end();
  const attach = () => {
    if (attached) return;
    attached = true;
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
      if (!attached) return;
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause();
      (stdin as { unref?: () => void }).unref?.();
    },
  };
}
