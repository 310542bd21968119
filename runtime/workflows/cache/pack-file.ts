/**
 * A cache pack on disk: the results of one workflow file as one JSON document. Read tolerantly (a
 * missing, damaged or foreign file is an empty pack) and written atomically (a temporary file in the
 * same folder, then a rename over the old pack).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** One cached node result. */
export interface PackEntry {
  output: Record<string, unknown>;
  durationMs: number;
  /** When it was stored (ms since the epoch); the oldest go first when a pack is full. */
  at: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The entries of the pack at `path`; empty when there is none or it is not a pack of `format`. */
export async function readPack(path: string, format: number): Promise<Map<string, PackEntry>> {
  const entries = new Map<string, PackEntry>();
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return entries;
  }
  if (!isRecord(data) || data.format !== format || !isRecord(data.entries)) return entries;
  for (const [key, entry] of Object.entries(data.entries)) {
    if (!isRecord(entry) || !isRecord(entry.output)) continue;
    entries.set(key, { output: entry.output, durationMs: Number(entry.durationMs) || 0, at: Number(entry.at) || 0 });
  }
  return entries;
}

/** Replaces the pack at `path` in one step. */
export async function writePack(path: string, format: number, workflow: string, entries: Map<string, PackEntry>): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const text = JSON.stringify({ format, workflow, entries: Object.fromEntries(entries) });
  // Same folder as the target, so rename() replaces it atomically; 'wx' never follows a planted file.
  const temp = join(dir, `.tmp-${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(temp, text, { flag: 'wx', mode: 0o600 });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
