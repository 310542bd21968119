/**
 * Reads the text of a workflow file (YAML, or JSON, which the YAML parser reads too) into plain data
 * plus a way to find the line of any field path, so every problem can name its line.
 */
import { LineCounter, parseDocument } from 'yaml';
import { lineOf } from '../../yaml/yaml-lines';
import type { GraphProblem } from '../graph/problems';

/** Parsed text: the data and the line finder, or the syntax problems. */
export type ParsedText =
  | { ok: true; data: unknown; lineOf: (path: readonly (string | number)[]) => number | undefined }
  | { ok: false; problems: (GraphProblem & { line?: number })[] };

/** Parses `text`; duplicate keys and alias bombs are problems, not surprises. */
export function parseWorkflowText(text: string): ParsedText {
  // JSON (what the studio saves, and large generated graphs) takes the fast path: lines are found
  // only when a problem needs one. (JSON.parse keeps the last of duplicate keys, as JSON readers do.)
  if (/^\s*\{/.test(text)) {
    try {
      const data: unknown = JSON.parse(text);
      let lines: ((path: readonly (string | number)[]) => number | undefined) | undefined;
      return {
        ok: true,
        data,
        lineOf: (path) => {
          if (!lines) {
            const parsed = parseDocumentLines(text);
            lines = parsed.ok ? parsed.lineOf : () => undefined;
          }
          return lines(path);
        },
      };
    } catch {
      // not JSON after all: the YAML parser says where
    }
  }
  return parseDocumentLines(text);
}

function parseDocumentLines(text: string): ParsedText {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const line = error.linePos?.[0]?.line;
        return { path: [], message: `syntax error: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`, ...(line ? { line } : {}) };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, problems: [{ path: [], message: `YAML error: ${(error as Error).message}` }] };
  }
  return { ok: true, data, lineOf: (path) => lineOf(doc, counter, path) };
}

