import type { Diagnostic } from '../../../runtime/contract/studio-api';

/** An editor marker, in Monaco's shape but without Monaco (so tests need no DOM). */
export interface MarkerData {
  severity: 'error' | 'warning';
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/**
 * Markers for diagnostics: a known column underlines the word there, otherwise the whole line.
 * Lines outside the file are pinned to its last line so no problem is ever hidden.
 */
export function toMarkers(diagnostics: readonly Diagnostic[], lines: readonly string[]): MarkerData[] {
  return diagnostics.map((d) => {
    const line = Math.min(Math.max(1, d.line), Math.max(1, lines.length));
    const text = lines[line - 1] ?? '';
    const indent = text.length - text.trimStart().length;
    let start = d.column !== undefined && d.column >= 1 ? Math.min(d.column, text.length + 1) : indent + 1;
    let end = text.length + 1;
    if (d.column !== undefined && d.column >= 1) {
      const word = /^\w+/.exec(text.slice(start - 1));
      end = word ? start + word[0].length : Math.min(start + 1, text.length + 1);
    }
    if (end <= start) [start, end] = [Math.max(1, start - 1), Math.max(start, 2)];
    return { severity: d.severity, message: d.message, startLineNumber: line, startColumn: start, endLineNumber: line, endColumn: end };
  });
}
