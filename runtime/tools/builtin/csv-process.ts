/** The `csv_process` tool: parse CSV text (quotes handled), filter rows, select columns, convert. */
import { csvField, parseCsv } from '../csv';
import { defineTool } from '../tool-types';

const OPERATIONS = ['parse', 'select', 'filter', 'to_json', 'to_csv'] as const;
const COMPARISONS = ['eq', 'ne', 'contains', 'gt', 'gte', 'lt', 'lte'] as const;
type Where = { column: string; op?: (typeof COMPARISONS)[number]; value: string | number };
type Params = { csv: string; operation: (typeof OPERATIONS)[number]; delimiter?: string; header?: boolean; columns?: string[]; where?: Where };

function matches(cell: string, where: Where): boolean {
  const [a, b] = [Number(cell), Number(where.value)];
  const numeric = cell.trim() !== '' && !Number.isNaN(a) && !Number.isNaN(b);
  switch (where.op ?? 'eq') {
    case 'eq':
      return numeric ? a === b : cell === String(where.value);
    case 'ne':
      return numeric ? a !== b : cell !== String(where.value);
    case 'contains':
      return cell.includes(String(where.value));
    case 'gt':
      return numeric && a > b;
    case 'gte':
      return numeric && a >= b;
    case 'lt':
      return numeric && a < b;
    case 'lte':
      return numeric && a <= b;
  }
}

/** Header + records; throws on duplicate names or rows whose field count differs. */
function records(rows: string[][]): { names: string[]; items: Array<Record<string, string>> } {
  const names = rows[0] ?? [];
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new Error(`duplicate column name '${n}' in the header`);
    seen.add(n);
  }
  const items = rows.slice(1).map((row, i) => {
    if (row.length !== names.length) throw new Error(`row ${i + 2} has ${row.length} fields, the header has ${names.length}`);
    return Object.fromEntries(names.map((n, j) => [n, row[j] ?? '']));
  });
  return { names, items };
}

/** Parses CSV into rows or objects, with optional filtering and column selection. */
export const csvProcess = defineTool<Params>({
  name: 'csv_process',
  description:
    "Parses CSV text (quoted fields, doubled quotes, line breaks in quotes). operation: parse (objects keyed by the header, or rows when header is false), select ('columns'), filter ('where': {column, op: eq|ne|contains|gt|gte|lt|lte, value}, then optional 'columns'), to_json (JSON text), to_csv (CSV text).",
  parameters: {
    type: 'object',
    properties: {
      csv: { type: 'string', maxLength: 5_000_000 },
      operation: { type: 'string', enum: [...OPERATIONS] },
      delimiter: { type: 'string', minLength: 1, maxLength: 1, not: { enum: ['"', '\r', '\n'] }, default: ',' },
      header: { type: 'boolean', default: true },
      columns: { type: 'array', items: { type: 'string' }, minItems: 1 },
      where: {
        type: 'object',
        properties: { column: { type: 'string' }, op: { type: 'string', enum: [...COMPARISONS] }, value: { type: ['string', 'number'] } },
        required: ['column', 'value'],
        additionalProperties: false,
      },
    },
    required: ['csv', 'operation'],
    additionalProperties: false,
  },
  run: (p) => {
    const delimiter = p.delimiter ?? ',';
    // blank lines are not rows
    const rows = parseCsv(p.csv, delimiter).filter((r) => !(r.length === 1 && r[0] === ''));
    if (p.header === false) {
      if (p.operation !== 'parse' && p.operation !== 'to_json' && p.operation !== 'to_csv') throw new Error(`operation '${p.operation}' needs header: true (columns are named by the header)`);
      return p.operation === 'to_json' ? JSON.stringify(rows) : p.operation === 'to_csv' ? rows.map((r) => r.map((f) => csvField(f, delimiter)).join(delimiter)).join('\n') : rows;
    }
    const { names, items } = records(rows);
    const known = (c: string) => {
      if (!names.includes(c)) throw new Error(`unknown column '${c}' (columns: ${names.join(', ')})`);
    };
    if (p.operation === 'select' && !p.columns) throw new Error("operation 'select' needs parameter 'columns'");
    if (p.operation === 'filter' && !p.where) throw new Error("operation 'filter' needs parameter 'where'");
    let result = items;
    if (p.where) {
      const where = p.where;
      known(where.column);
      result = result.filter((item) => matches(item[where.column] ?? '', where));
    }
    const columns = p.columns ?? names;
    columns.forEach(known);
    result = result.map((item) => Object.fromEntries(columns.map((c) => [c, item[c] ?? ''])));
    if (p.operation === 'to_json') return JSON.stringify(result);
    if (p.operation === 'to_csv') return [columns, ...result.map((item) => columns.map((c) => item[c] ?? ''))].map((r) => r.map((f) => csvField(f, delimiter)).join(delimiter)).join('\n');
    return result;
  },
});
