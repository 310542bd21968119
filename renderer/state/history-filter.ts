import type { RunRecord } from '../../runtime/contract/studio-api';

/** Runs whose spell, status, parameters, output or error contain every word of `text`. */
export function filterRuns(runs: readonly RunRecord[], text: string): RunRecord[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...runs];
  return runs.filter((run) => {
    const haystack = [run.spellName, run.status, JSON.stringify(run.params), run.output, run.error?.message ?? ''].join(' ').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** `12:04:31` today, `Mar 3, 12:04` on other days. */
export function formatWhen(at: number, now = Date.now()): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The parameters of a run as `name=value` pairs, for a one-line summary. */
export function paramsSummary(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}
