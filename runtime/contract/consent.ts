import { z } from 'zod';

/**
 * Consent: what a spell from someone else may do, shown before it is installed and before its first
 * run, and the grants the user gave. A grant covers one spell name + version + {@link ConsentRequest.fingerprint}:
 * a new version or a changed permission set asks again.
 */

/** Who vouches for a spell: a trusted key's signature, nobody, or nobody any more (files changed since install). */
export const ConsentSignature = z.object({
  status: z.enum(['signed', 'unsigned', 'modified']),
  /** Fingerprint (SHA-256 of the public key, hex) of the publisher's key, when signed. */
  publisher: z.string().optional(),
  /** The trusted key's file name in `$LLMSPELL_HOME/trusted-keys/`, when the key is trusted here. */
  keyFile: z.string().optional(),
});
export type ConsentSignature = z.infer<typeof ConsentSignature>;

/** Everything a spell may do, as the consent dialog lists it. Lists use `*` for "any". */
export const ConsentRequest = z.object({
  name: z.string(),
  version: z.string(),
  description: z.string(),
  author: z.string().optional(),
  /**
   * False when the manifest has no `permissions` section: the spell then runs under the user's whole
   * configured policy (every provider, host, tool and MCP server the configuration allows).
   */
  declared: z.boolean(),
  llm: z.object({ providers: z.array(z.string()), models: z.array(z.string()) }),
  /** Its own storage folder, and shared areas other spells granted the same name also see. */
  storage: z.object({ own: z.boolean(), shared: z.array(z.string()) }),
  network: z.array(z.string()),
  tools: z.array(z.string()),
  mcp: z.array(z.string()),
  /** Names of secrets (keys, environment variables) it reads. */
  secrets: z.array(z.string()),
  /** Seconds, megabytes, CPU seconds and VM instructions it asks for. */
  limits: z.object({ timeout: z.number().optional(), memory: z.number().optional(), cpu: z.number().optional(), instructions: z.number().optional() }),
  /** Other spells it runs nested (`spell.run`), by name and version range. */
  spells: z.array(z.object({ name: z.string(), range: z.string() })),
  signature: ConsentSignature,
  /** The same, one line per item, in the words `llmspell install` prints. */
  lines: z.array(z.string()),
  /** SHA-256 over everything above that a grant covers (not the description or the lines' wording). */
  fingerprint: z.string(),
});
export type ConsentRequest = z.infer<typeof ConsentRequest>;

/** A remembered approval. */
export const ConsentGrant = z.object({
  name: z.string(),
  version: z.string(),
  fingerprint: z.string(),
  /** What was approved, one line per item (shown in Settings). */
  lines: z.array(z.string()),
  /** Publisher key fingerprint, when it was signed. */
  publisher: z.string().optional(),
  grantedAt: z.number(),
  /** Where the approval was given. */
  via: z.enum(['studio', 'cli']),
});
export type ConsentGrant = z.infer<typeof ConsentGrant>;

/** Largest `.spell` bundle the studio accepts as an upload (bytes); `llmspell install` takes larger ones. */
export const MAX_UPLOAD_BYTES = 4 * 2 ** 20;
/** Largest bundle the studio hands to the page as an export (bytes); `llmspell pack` makes larger ones. */
export const MAX_EXPORT_BYTES = 4 * 2 ** 20;
