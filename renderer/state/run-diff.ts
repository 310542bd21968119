import type { RunRecord } from '../../runtime/contract/studio-api';

/** One line of a diff: in both runs, only in the first (`-`), or only in the second (`+`). */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** Lines compared in full; past this, the rest is compared as one block (the diff stays bounded). */
export const MAX_DIFF_LINES = 2000;

/**
 * A line diff of two texts (longest common subsequence), bounded: at most {@link MAX_DIFF_LINES}
 * lines of each side go through the O(n·m) table; a longer rest shows as removed and added.
 */
export function diffLines(a: string, b: string): DiffLine[] {
  const left = a.split('\n');
  const right = b.split('\n');
  // Common head and tail are cheap to strip and common in outputs.
  let head = 0;
  while (head < left.length && head < right.length && left[head] === right[head]) head++;
  let tail = 0;
  while (tail < left.length - head && tail < right.length - head && left[left.length - 1 - tail] === right[right.length - 1 - tail]) tail++;
  const midA = left.slice(head, left.length - tail);
  const midB = right.slice(head, right.length - tail);
  const out: DiffLine[] = left.slice(0, head).map((text) => ({ op: ' ', text }));
  const n = Math.min(midA.length, MAX_DIFF_LINES);
  const m = Math.min(midB.length, MAX_DIFF_LINES);
  // lcs[i][j]: common subsequence length of midA[i..n) and midB[j..m).
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (midA[i] === midB[j]) {
      out.push({ op: ' ', text: midA[i++]! });
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: '-', text: midA[i++]! });
    else out.push({ op: '+', text: midB[j++]! });
  }
  for (; i < midA.length; i++) out.push({ op: '-', text: midA[i]! });
  for (; j < midB.length; j++) out.push({ op: '+', text: midB[j]! });
  for (const text of left.slice(left.length - tail)) out.push({ op: ' ', text });
  return out;
}

/** Each parameter of either run with both values (as JSON text) and whether they differ. */
export function paramRows(a: RunRecord, b: RunRecord): { name: string; a: string; b: string; changed: boolean }[] {
  const names = [...new Set([...Object.keys(a.params), ...Object.keys(b.params)])].sort();
  const show = (value: unknown) => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));
  return names.map((name) => {
    const [x, y] = [show(a.params[name]), show(b.params[name])];
    return { name, a: x, b: y, changed: x !== y };
  });
}
