/**
 * Turns an input row into the parameters of one run: `--param-map col=param` renames columns, the
 * spell's declared parameters pick the columns it takes (other columns, like an `id`, are left out),
 * and every value is checked and coerced exactly as `llmspell run --params` does.
 */
import type { SpellParameter } from '../contract/spell-parameter';
import { ParamsError, resolveParams } from '../spells/parameters';
import type { InputRow } from './input-rows';

/** `col=param` pairs; throws with the bad pair named. */
export function parseParamMap(pairs: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const column = pair.slice(0, eq).trim();
    const param = pair.slice(eq + 1).trim();
    if (eq <= 0 || !column || !param) throw new Error(`--param-map expects column=parameter, got '${pair}'`);
    if (map.has(column)) throw new Error(`--param-map maps the column '${column}' twice`);
    map.set(column, param);
  }
  return map;
}

/** The row's parameters, or why the row cannot run (every problem, prefixed with where the row is). */
export function rowParams(
  row: InputRow,
  declared: SpellParameter[] | undefined,
  paramMap: Map<string, string>,
): { params: Record<string, unknown> } | { error: string } {
  if (row.problem !== undefined || !row.data) return { error: row.problem ?? `${row.where}: the row could not be read` };
  const known = declared ? new Set(declared.map((p) => p.name)) : undefined;
  const mappedFrom = new Set(paramMap.values());
  // Entries, not assignment: a column named `__proto__` stays a plain key.
  const given: [string, unknown][] = [];
  for (const [column, value] of Object.entries(row.data)) {
    const mapped = paramMap.get(column);
    const name = mapped ?? column;
    // A column shadowed by a mapping onto its name gives way to the mapped column.
    if (!mapped && mappedFrom.has(column)) continue;
    if (known && !known.has(name)) {
      if (mapped) return { error: `${row.where}: --param-map ${column}=${mapped} names no parameter of the spell; it takes ${[...known].join(', ') || 'none'}` };
      continue;
    }
    // An empty CSV cell means "not given": the default applies, or a required parameter is missing.
    if (row.fromCsv && value === '') continue;
    given.push([name, value]);
  }
  try {
    return { params: resolveParams(declared, { file: Object.fromEntries(given) }) };
  } catch (error) {
    if (error instanceof ParamsError) return { error: error.problems.map((p) => `${row.where}: ${p}`).join('; ') };
    throw error;
  }
}

/** The row's key: the value of its `keyColumn` when it has one, else its row number. */
export function rowKey(row: InputRow, keyColumn: string): string {
  const value = row.data?.[keyColumn];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return String(row.row);
}
