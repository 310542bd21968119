import type { BatchEvent, BatchProgress } from '../contract/batch';

/**
 * Shows a batch's progress: on a terminal a one-line bar redrawn in place on stderr (at most every
 * 100 ms), with `--json` every event as a JSON line on stdout, otherwise only the closing summary.
 */
export class BatchPrinter {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly options: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; json: boolean; tty: boolean },
  ) {}

  onEvent = (event: BatchEvent): void => {
    if (this.options.json) {
      this.options.stdout.write(`${JSON.stringify(event)}\n`);
      return;
    }
    if (event.type === 'progress' && this.options.tty) {
      const now = performance.now();
      if (now - this.lastDraw < 100 && event.progress.done < event.progress.total) return;
      this.lastDraw = now;
      this.drawn = true;
      this.options.stderr.write(`\r\x1b[2K${progressLine(event.progress)}`);
    } else if (event.type === 'summary') {
      if (this.drawn) this.options.stderr.write(`\r\x1b[2K${progressLine(event.progress)}\n`);
      this.options.stderr.write(`${summaryLine(event.progress, event.output, event.interrupted)}\n`);
    }
  };
}

/** `[#####-----] 120/200  3 failed  12.5 rows/s  ETA 6s  1,234 tokens`. */
export function progressLine(p: BatchProgress, width = 24): string {
  const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const parts = [`${bar} ${p.done}/${p.total}`];
  if (p.failed > 0) parts.push(`${p.failed} failed`);
  if (p.running > 0) parts.push(`${p.running} running`);
  parts.push(`${p.rate.toFixed(1)} rows/s`);
  if (p.etaSeconds !== undefined && p.done < p.total) parts.push(`ETA ${formatSeconds(p.etaSeconds)}`);
  if (p.tokens > 0) parts.push(`${p.tokens.toLocaleString('en-US')} tokens`);
  if (p.cost !== undefined) parts.push(`$${p.cost.toFixed(4)}`);
  return parts.join('  ');
}

function summaryLine(p: BatchProgress, output: string, interrupted: boolean): string {
  const counts = `${p.ok} ok, ${p.failed} failed${p.skipped ? `, ${p.skipped} already done` : ''}`;
  const time = `${(p.elapsedMs / 1000).toFixed(1)} s`;
  if (interrupted) return `interrupted after ${p.done}/${p.total} rows (${counts}) in ${time}; run the same command again to resume. Results: ${output}`;
  return `${p.total} rows: ${counts} in ${time}. Results: ${output}`;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${Math.round(s % 60)}s` : `${Math.floor(m / 60)}h${m % 60}m`;
}
