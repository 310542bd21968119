/**
 * Messages between the host and the schema worker (a worker thread of our own code, see
 * schema-checks.ts). `tools` checks report every problem (`/age: must be >= 0`); `answer` checks report
 * the first, worded for a model's structured answer (`field 'age' must be integer`).
 */
import type { SchemaCheck } from '../schema-validator';

/** Which wording of problems a job wants. */
export type SchemaFlavor = 'tools' | 'answer';

/** One job: compile `schema` (cached in the worker) and, when `hasValue`, check `value` against it. */
export interface SchemaJob {
  id: number;
  flavor: SchemaFlavor;
  schema: unknown;
  hasValue: boolean;
  value?: unknown;
}

/** The worker's answer to a job. */
export type SchemaJobResult =
  | { id: number; ok: true; check?: SchemaCheck; problem?: string }
  | { id: number; ok: false; invalidSchema: boolean; message: string };
