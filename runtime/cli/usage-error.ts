/** A mistake in how the command was called: exit code 2, with what is wrong and the right usage. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

/** Exit codes of the `llmspell` command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
