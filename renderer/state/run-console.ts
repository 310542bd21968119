import type { RunEvent } from '../../runtime/contract/run-events';

/** What one line or block of the Output console shows. */
export type ConsoleItem =
  | { kind: 'stdout' | 'stderr' | 'token' | 'input'; text: string }
  | { kind: 'status'; text: string }
  | { kind: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; text: string }
  | { kind: 'call' | 'tool'; text: string; ok: boolean }
  | { kind: 'error'; text: string; code: string; file?: string; line?: number };

function fieldsText(fields: Record<string, unknown>): string {
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

function brief(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined ? '' : text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** The entry an event adds, or undefined for events the console does not show. */
export function entryFor(event: RunEvent): ConsoleItem | undefined {
  switch (event.type) {
    case 'started':
    case 'input-wait':
    case 'test-result':
    case 'workflow':
    case 'llm': // the `call` line of the same request shows in the console; model, tokens and cost are in the trace
      return undefined;
    case 'output':
      return { kind: event.stream, text: event.text };
    case 'token':
      return { kind: 'token', text: event.text };
    case 'log':
      return { kind: 'log', level: event.level, text: `${event.message}${fieldsText(event.fields)}` };
    case 'call':
      return { kind: 'call', ok: event.ok, text: `${event.method} ${Math.round(event.durationMs)} ms${event.ok ? '' : ' (failed)'}` };
    case 'tool-call':
      return { kind: 'tool', ok: true, text: `→ ${event.tool}(${brief(event.arguments)})` };
    case 'tool-result':
      return { kind: 'tool', ok: event.ok, text: `← ${event.tool}: ${event.ok ? brief(event.result) : (event.error ?? 'failed')}` };
    case 'finished':
      if (event.ok) return { kind: 'status', text: `Finished in ${formatDuration(event.durationMs)}` };
      return {
        kind: 'error',
        text: event.error?.message ?? 'The run failed.',
        code: event.error?.code ?? 'failed',
        ...(event.error?.file ? { file: event.error.file } : {}),
        ...(event.error?.line !== undefined ? { line: event.error.line } : {}),
      };
  }
}

/** `850 ms`, `1.2 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Places in text that name a line of a spell file (`main.lua:12`), for links to the editor. */
export function fileLineRefs(text: string): { start: number; end: number; file: string; line: number }[] {
  const refs: { start: number; end: number; file: string; line: number }[] = [];
  for (const m of text.matchAll(/([\w./-]+\.(?:lua|m?js|tengo|ya?ml)):(\d+)/g)) {
    refs.push({ start: m.index, end: m.index + m[0].length, file: m[1]!, line: Number(m[2]) });
  }
  return refs;
}
