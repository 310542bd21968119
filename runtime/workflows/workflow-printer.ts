/**
 * Prints a workflow run's event stream: progress lines on stderr (a line per finished, failed or
 * skipped node; started nodes too with --verbose), or with --json every event as one JSON line on
 * stdout, so another program can follow the run as it happens.
 */
import type { WorkflowEvent } from '../contract/workflow-events';
import { formatUsd } from '../contract/prices';

/** How much to print. */
export interface WorkflowPrinterOptions {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  json: boolean;
  /** `debug` adds started nodes and printed text; `error` keeps only failures. */
  level: 'debug' | 'info' | 'warn' | 'error';
}

function ms(durationMs: number): string {
  return durationMs >= 1000 ? `${(durationMs / 1000).toFixed(2)} s` : `${Math.round(durationMs)} ms`;
}

/** The event stream as the terminal shows it. */
export class WorkflowPrinter {
  constructor(private readonly options: WorkflowPrinterOptions) {}

  onEvent = (event: WorkflowEvent): void => {
    if (this.options.json) {
      this.options.stdout.write(`${JSON.stringify(event)}\n`);
      return;
    }
    const line = this.describe(event);
    if (line !== undefined) this.options.stderr.write(`${line}\n`);
  };

  private describe(event: WorkflowEvent): string | undefined {
    const { level } = this.options;
    const verbose = level === 'debug';
    const quiet = level === 'error' || level === 'warn';
    switch (event.type) {
      case 'run-started':
        return quiet ? undefined : `▸ ${event.workflow}: ${event.nodes} node${event.nodes === 1 ? '' : 's'}`;
      case 'node-started':
        return verbose ? `  … ${event.nodeId} (${event.nodeType})${event.attempt > 1 ? ` attempt ${event.attempt}` : ''}` : undefined;
      case 'node-finished': {
        // Input and output nodes only pass values along: not worth a line unless asked.
        if (quiet || (!verbose && (event.nodeType === 'input' || event.nodeType === 'output'))) return undefined;
        const tokens = event.tokens ? ` · ${event.tokens.total} tokens` : '';
        return `  ${event.cached ? '●' : '✓'} ${event.nodeId} (${event.nodeType}) ${event.cached ? 'cached' : ms(event.durationMs)}${tokens}`;
      }
      case 'node-skipped':
        return verbose ? `  – ${event.nodeId} skipped: ${event.reason}` : undefined;
      case 'node-failed': {
        const next = event.retrying ? ', retrying' : event.policy === 'stop' ? '' : event.policy === 'continue' ? ', continuing' : ', taking the fallback';
        return `  ✗ ${event.nodeId} (${event.nodeType}) attempt ${event.attempt}: ${event.error.message}${next}`;
      }
      case 'tool-call':
        return verbose ? `    ↳ ${event.nodeId} calls ${event.tool}` : undefined;
      case 'node-output':
        return verbose ? event.text.replace(/\n$/, '').replace(/^/gm, `    │ ${event.nodeId}: `) : undefined;
      case 'run-finished': {
        const cost = event.cost && event.cost.total > 0 ? ` · ${formatUsd(event.cost.total)}` : '';
        const tokens = `${event.tokens.total > 0 ? ` · ${event.tokens.total} tokens` : ''}${cost}`;
        if (event.ok) return quiet ? undefined : `✓ done in ${ms(event.durationMs)}${tokens}${event.failed.length ? ` (failed but went on: ${event.failed.join(', ')})` : ''}`;
        return `✗ failed after ${ms(event.durationMs)}: ${event.error?.message ?? 'unknown error'}`;
      }
      default:
        return undefined;
    }
  }
}

/** The outputs as the last thing on stdout: a lone text output as is, anything else as JSON. */
export function formatOutputs(outputs: Record<string, unknown>): string {
  const values = Object.values(outputs);
  if (values.length === 1 && typeof values[0] === 'string') return values[0].endsWith('\n') ? values[0] : `${values[0]}\n`;
  return `${JSON.stringify(outputs, null, 2)}\n`;
}
