/**
 * The line a test failure names in its test file. Each engine puts the place in its message:
 * Lua `tests/a.test.lua:7: expected ...`, JavaScript `tests/b.test.js:8: expected ...`, Tengo
 * `Runtime Error: expected ...\n\tat tests/c.test.tengo:10:3`. The first mention of the file wins
 * (later ones are callers); a mention of another file (the spell's own code) is not this file's line.
 */
export function failureLine(message: string, fileName: string): { line: number; column?: number } | undefined {
  const base = fileName.split('/').pop() ?? fileName;
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|[\\s(\\["])(?:[^\\s(\\["]*/)?${escaped}"?\\]?:(\\d+)(?::(\\d+))?`).exec(message);
  if (!match) return undefined;
  const line = Number(match[1]);
  const column = match[2] !== undefined ? Number(match[2]) : undefined;
  return { line, ...(column !== undefined ? { column } : {}) };
}
