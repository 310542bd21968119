/**
 * Entry of the schema worker thread (dist/schema-worker.js): compiles and checks JSON Schemas that
 * spells supply. It runs ajv off the host's event loop, so a costly schema or pattern only ever
 * blocks this thread, which the host terminates at its deadline.
 */
import { parentPort } from 'node:worker_threads';
import { compileSchema, type JsonChecker } from '../../llm/json-answer';
import { InvalidSchemaError, SchemaValidator } from '../schema-validator';
import type { SchemaJob, SchemaJobResult } from './protocol';

const tools = new SchemaValidator();
const answers = new Map<string, JsonChecker>();

function answerChecker(schema: unknown): JsonChecker {
  const key = JSON.stringify(schema);
  let checker = answers.get(key);
  if (!checker) {
    try {
      checker = compileSchema(schema as Record<string, unknown>);
    } catch (err) {
      throw new InvalidSchemaError((err as Error).message);
    }
    if (answers.size >= 100) answers.delete(answers.keys().next().value!);
    answers.set(key, checker);
  }
  return checker;
}

function run(job: SchemaJob): SchemaJobResult {
  try {
    if (job.flavor === 'tools') {
      if (!job.hasValue) tools.compile(job.schema);
      return { id: job.id, ok: true, ...(job.hasValue ? { check: tools.check(job.schema, job.value) } : {}) };
    }
    const checker = answerChecker(job.schema);
    return { id: job.id, ok: true, ...(job.hasValue ? { problem: checker(job.value) } : {}) };
  } catch (err) {
    return { id: job.id, ok: false, invalidSchema: err instanceof InvalidSchemaError, message: err instanceof Error ? err.message : String(err) };
  }
}

parentPort?.on('message', (job: SchemaJob) => parentPort?.postMessage(run(job)));
// Loaded: from now on the host's deadline is the check's alone, not our start-up.
parentPort?.postMessage({ ready: true });
