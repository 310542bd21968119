import type { LogLevel } from '../contract/engine-protocol';
import type { RunEvent } from '../contract/run-events';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * Prints a run's event stream the way a terminal user expects: spell output on stdout as it comes,
 * log lines on stderr (`[info] hello: message k=v`) above the chosen level. In --json mode output is
 * collected for the final JSON object instead, so stdout holds exactly one JSON document.
 */
export class RunPrinter {
  private readonly collected: string[] = [];
  /** Whether stdout is at the start of a line (nothing written yet, or a newline last). */
  private atLineStart = true;

  constructor(
    private readonly options: {
      stdout: NodeJS.WritableStream;
      stderr: NodeJS.WritableStream;
      spellName: string;
      logLevel: LogLevel;
      json: boolean;
    },
  ) {}

  onEvent = (event: RunEvent): void => {
    if (event.type === 'output') {
      if (this.options.json) this.collected.push(event.text);
      else {
        (event.stream === 'stdout' ? this.options.stdout : this.options.stderr).write(event.text);
        if (event.stream === 'stdout' && event.text !== '') this.atLineStart = event.text.endsWith('\n');
      }
    } else if (event.type === 'log') {
      if (LEVELS.indexOf(event.level) < LEVELS.indexOf(this.options.logLevel)) return;
      this.options.stderr.write(`[${event.level}] ${this.options.spellName}: ${event.message}${formatFields(event.fields)}\n`);
    }
  };

  /**
   * The value the spell returned (a Lua main chunk's `return`, a JS `main()`'s result), after its
   * output: a string as it is, anything else as indented JSON. In --json mode it goes under `result`.
   */
  printResult(value: unknown): void {
    if (this.options.json || value === undefined || value === null) return;
    const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
    this.options.stdout.write(`${this.atLineStart ? '' : '\n'}${text}\n`);
    this.atLineStart = true;
  }

  /** Everything the spell printed (in --json mode). */
  get output(): string {
    return this.collected.join('');
  }
}

function formatFields(fields: Record<string, unknown>): string {
  const parts = Object.entries(fields).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}
