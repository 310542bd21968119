/**
 * Human-input nodes in the CLI: the question goes to stderr, the answer is the next line of stdin.
 * An answer of the wrong kind is asked again (three tries); the end of stdin is an error.
 */
import type { RunInput } from '../bridges/io';
import type { HumanInputRequest } from '../contract/workflow-events';
import type { HumanInput } from '../workflows/host';
import { convertAnswer } from '../workflows/nodes/human';

const TRIES = 3;

function question(request: HumanInputRequest): string {
  const choices = request.choices ? ` [${request.choices.map((c, i) => `${i + 1}) ${c}`).join('  ')}]` : request.kind === 'boolean' ? ' [y/n]' : '';
  const fallback = request.default !== undefined ? ` (default: ${typeof request.default === 'string' ? request.default : JSON.stringify(request.default)})` : '';
  return `? ${request.prompt}${choices}${fallback} `;
}

/** Asks on `stderr`, reads lines from `input`. */
export function terminalHumanInput(input: RunInput, stderr: NodeJS.WritableStream): HumanInput {
  return {
    async ask(request, signal) {
      for (let attempt = 1; ; attempt++) {
        stderr.write(question(request));
        const line = await input.readLine(signal);
        if (line === null) throw new Error(`no answer to "${request.prompt}": standard input ended`);
        try {
          convertAnswer(request, line);
          return line;
        } catch (error) {
          if (attempt >= TRIES) throw error;
          stderr.write(`  ${(error as Error).message}\n`);
        }
      }
    },
  };
}
