import type { RunEvent, RunOutcome } from '../contract/run-events';
import type { RunRecord } from '../contract/studio-api';
import type { HistoryLimits } from './history-limits';

/** Text an event carries, for the event budget. */
function eventChars(event: RunEvent): number {
  if (event.type === 'output' || event.type === 'token') return event.text.length;
  if (event.type === 'log') return event.message.length + JSON.stringify(event.fields).length;
  // A node's inputs and outputs can be large: they count in full.
  if (event.type === 'workflow') return JSON.stringify(event.event).length;
  if (event.type === 'llm') return 96 + (event.error?.length ?? 0);
  return 64;
}

/**
 * Collects one run's record and events while it runs, within the history limits: output past the cap
 * is cut with a note, events past the budget are dropped except `finished`, and a log event says so.
 */
export class RunRecorder {
  readonly events: RunEvent[] = [];
  private chars = 0;
  private dropped = 0;
  private outputCut = false;
  /** Every output text in order, up to maxFullOutputChars: the full copy behind show all / save output. */
  private readonly full: string[] = [];
  private fullChars = 0;
  /** The full copy hit its cap. */
  fullTruncated = false;

  constructor(
    readonly record: RunRecord,
    private readonly limits: HistoryLimits,
  ) {}

  add(event: RunEvent): void {
    if (event.type === 'output') this.addOutput(event.text);
    if (event.type === 'finished') {
      if (this.dropped > 0) {
        const message = `run history kept the first ${this.events.length} events of this run; ${this.dropped} more were not kept`;
        this.events.push({ type: 'log', runId: event.runId, level: 'warn', message, fields: {} });
      }
      this.events.push(event);
      return;
    }
    const size = eventChars(event);
    if (this.events.length >= this.limits.maxEvents || this.chars + size > this.limits.maxEventChars) {
      this.dropped++;
      return;
    }
    this.chars += size;
    this.events.push(event);
  }

  /** Completes the record from the run's outcome. */
  finish(outcome: RunOutcome, tokens: number | undefined, cost?: number): RunRecord {
    const r = this.record;
    r.status = outcome.ok ? 'ok' : outcome.error?.code === 'stopped' ? 'stopped' : 'failed';
    r.durationMs = Math.round(outcome.durationMs);
    if (outcome.error) r.error = outcome.error;
    if (tokens !== undefined) r.tokens = tokens;
    // rounded to a millionth of a dollar: float sums must not show as $0.30000000000000004
    if (cost !== undefined) r.cost = Math.round(cost * 1e6) / 1e6;
    return r;
  }

  /** Everything printed so far (up to the full-output cap). */
  fullOutput(): string {
    return this.full.join('');
  }

  /** Whether the record's short copy was cut (then the full copy is worth a file of its own). */
  get cut(): boolean {
    return this.outputCut;
  }

  private addOutput(text: string): void {
    if (!this.fullTruncated) {
      const room = this.limits.maxFullOutputChars - this.fullChars;
      this.full.push(text.length <= room ? text : text.slice(0, Math.max(0, room)));
      this.fullChars += Math.min(text.length, room);
      if (text.length > room) this.fullTruncated = true;
    }
    if (this.outputCut) return;
    const room = this.limits.maxOutputChars - this.record.output.length;
    if (text.length <= room) {
      this.record.output += text;
      return;
    }
    this.record.output += `${text.slice(0, Math.max(0, room))}\n… output cut at ${Math.round(this.limits.maxOutputChars / 1024)} KB in run history\n`;
    this.outputCut = true;
  }
}
