/**
 * Reads a batch's input file into rows: JSON Lines (`.jsonl`/`.ndjson`), a JSON array (`.json`) or
 * CSV with a header line (`.csv`, parsed by csv-parse). A malformed row is kept as a row with a
 * `problem`: it ends as a failed result line and never stops the batch.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';

/** One input row. */
export interface InputRow {
  /** 1-based position among the rows. */
  row: number;
  /** Where it is in the file, for error messages: `line 7`. */
  where: string;
  /** Its fields (absent when the row could not be read). */
  data?: Record<string, unknown>;
  /** Why the row could not be read. */
  problem?: string;
  /** True for CSV rows: every value is text and an empty cell means "not given". */
  fromCsv?: boolean;
}

/** An input file that cannot be read at all (missing, unknown format, not a list of rows). */
export class InputFileError extends Error {
  override name = 'InputFileError';
}

export type InputFormat = 'jsonl' | 'json' | 'csv';

/** The format an input file's extension names, or undefined. */
export function inputFormat(file: string): InputFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  return undefined;
}

/** Reads every row of `file` (see the module comment). Throws InputFileError when the file itself is unusable. */
export function readInputRows(file: string, display = file): InputRow[] {
  const format = inputFormat(file);
  if (!format) throw new InputFileError(`${display}: the input must be a .jsonl, .json or .csv file`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputFileError(`cannot read the input ${display}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseInputText(text, format, display);
}

/** The rows of an input file's text in the given format (see the module comment). */
export function parseInputText(text: string, format: InputFormat, display: string): InputRow[] {
  if (format === 'jsonl') return jsonLines(text);
  if (format === 'json') return jsonArray(text, display);
  return csvRows(text, display);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonLines(text: string): InputRow[] {
  const rows: InputRow[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `line ${i + 1}`;
    const row = rows.length + 1;
    try {
      const value = JSON.parse(line) as unknown;
      rows.push(isRecord(value) ? { row, where, data: value } : { row, where, problem: `${where}: expected a JSON object like {"name": "Ada"}` });
    } catch (error) {
      rows.push({ row, where, problem: `${where}: not valid JSON (${(error as Error).message})` });
    }
  });
  return rows;
}

function jsonArray(text: string, display: string): InputRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputFileError(`${display} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(value)) throw new InputFileError(`${display} must hold a JSON array of objects, one per row`);
  return value.map((item, i) => {
    const where = `item ${i + 1}`;
    return isRecord(item) ? { row: i + 1, where, data: item } : { row: i + 1, where, problem: `${where}: expected a JSON object like {"name": "Ada"}` };
  });
}

interface CsvRecord {
  record: Record<string, string>;
  info: { lines: number; error?: { message?: string } };
}

function csvRows(text: string, display: string): InputRow[] {
  let records: CsvRecord[];
  try {
    // relax_column_count keeps a row with too few or too many cells (flagged in info.error) instead
    // of failing the whole file: that row alone becomes a failed row.
    records = parseCsv(text, { columns: true, skip_empty_lines: true, relax_column_count: true, info: true, bom: true }) as CsvRecord[];
  } catch (error) {
    throw new InputFileError(`${display} is not valid CSV: ${(error as Error).message}`);
  }
  return records.map(({ record, info }, i) => {
    const where = `line ${info.lines}`;
    // The cells it has still name the row (its key), though it cannot run.
    if (info.error) return { row: i + 1, where, data: record, problem: `${where}: ${info.error.message ?? 'the row does not have as many cells as the header'}` };
    return { row: i + 1, where, data: record, fromCsv: true };
  });
}
