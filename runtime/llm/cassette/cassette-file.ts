import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../../security/atomic-write';

/**
 * A cassette: the LLM exchanges of a run, recorded to a file (`llmspell run --record f.json`) and
 * replayed byte for byte offline (`--replay f.json`), so spell tests are deterministic and need no key.
 */
export const Exchange = z.object({
  kind: z.enum(['chat', 'stream', 'models']),
  /** Hash of the request's content (see request-key.ts). */
  key: z.string(),
  /** The request as sent, for people reading the file. */
  request: z.unknown(),
  result: z.unknown(),
  /** Stream pieces in order, exactly as they arrived. */
  chunks: z.array(z.string()).optional(),
});
export type Exchange = z.infer<typeof Exchange>;

export const CassetteFile = z.object({
  version: z.literal(1),
  recordedAt: z.string(),
  exchanges: z.array(Exchange),
});
export type CassetteFile = z.infer<typeof CassetteFile>;

/** Reads and checks a cassette; the error names the file and what is wrong with it. */
export function readCassette(file: string): CassetteFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`cassette ${file} does not exist (record one with --record ${file})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`cassette ${file} is not valid JSON`);
  }
  const parsed = CassetteFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`cassette ${file} is not a cassette: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Writes a cassette atomically (a killed run never leaves half a file). */
export async function writeCassette(file: string, exchanges: Exchange[]): Promise<void> {
  const data: CassetteFile = { version: 1, recordedAt: new Date().toISOString(), exchanges };
  await writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
}
