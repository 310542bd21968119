import { readFileSync, renameSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../security/atomic-write';

/** What the studio saves besides keys: per-provider endpoint and model, the current provider, limits, prices, library folders. */
export const StudioSettingsSchema = z.object({
  providers: z.record(z.string(), z.object({ baseUrl: z.string().optional(), model: z.string().optional() })).default({}),
  currentProvider: z.string().optional(),
  limits: z.object({ timeout: z.number().positive().optional(), memory: z.number().positive().optional(), cost: z.number().positive().optional() }).default({}),
  /** Prices set in the studio (US dollars per million tokens), over the configuration's. */
  prices: z.record(z.string(), z.object({ input: z.number().min(0), output: z.number().min(0) })).default({}),
  libraryFolders: z.array(z.string()).optional(),
  /** MCP servers added in the studio; their env/header values live in the secret store (names only here). */
  mcpServers: z
    .record(
      z.string(),
      z.object({
        command: z.string().optional(),
        args: z.array(z.string()).optional(),
        cwd: z.string().optional(),
        url: z.string().optional(),
        secretNames: z.array(z.string()).default([]),
      }),
    )
    .default({}),
});
export type StudioSettings = z.infer<typeof StudioSettingsSchema>;

/**
 * `$LLMSPELL_HOME/studio-settings.json`: read once, replaced atomically on each change. Never holds a
 * key (those live in the {@link SecretStore}). A file that does not parse is set aside, not overwritten.
 */
export class SettingsStore {
  private current: StudioSettings;

  constructor(
    private readonly file: string,
    log: (line: string) => void = () => {},
  ) {
    this.current = StudioSettingsSchema.parse({});
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return; // no settings yet
    }
    try {
      this.current = StudioSettingsSchema.parse(JSON.parse(text));
    } catch (error) {
      const aside = `${file}.corrupt-${Date.now()}`;
      renameSync(file, aside);
      log(`studio settings in ${file} were unreadable (${(error as Error).message.split('\n')[0]}); kept them as ${aside}`);
    }
  }

  /** A copy of the settings. */
  get(): StudioSettings {
    return structuredClone(this.current);
  }

  /** Replaces the settings on disk, then in memory. */
  async save(next: StudioSettings): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.current = structuredClone(next);
  }
}
