import type { RunInput } from '../bridges/io';
import { GrantStore } from '../spells/consent/grant-store';
import { spellConsent } from '../spells/consent/spell-consent';
import { UsageError } from './usage-error';

/** What {@link checkRunConsent} needs from the command line. */
export interface RunConsentOptions {
  /** The spell folder, if the spell is one. */
  dir: string | undefined;
  home: string;
  /** `--grant`: approve what it may do now and remember it. */
  grant: boolean;
  /** A terminal to ask on (stdin and stderr are TTYs); undefined asks nobody. */
  ask?: { input: RunInput; stderr: NodeJS.WritableStream };
}

/**
 * The studio's grants, honoured by `llmspell run`. A spell installed from a bundle runs when its
 * approval covers it (`llmspell install` and the studio record one). When the user revoked it, or
 * the spell now asks for other permissions than approved, the run asks on a terminal, or stops with
 * how to approve (`--grant`). A spell with no record at all (installed before approvals existed, or
 * copied in by hand) runs as it always did. Returns a line for stderr when an approval was recorded.
 */
export async function checkRunConsent(options: RunConsentOptions): Promise<string | undefined> {
  if (!options.dir) return undefined;
  const store = new GrantStore(options.home);
  const consent = spellConsent(options.dir, options.home, store);
  if (!consent || consent.status === 'granted') return undefined;
  if (consent.status === 'none' && !options.grant) return undefined;
  const { request } = consent;
  const why = consent.status === 'revoked' ? 'its approval was revoked' : consent.status === 'changed' ? 'it asks for other permissions than you approved' : 'approving it now';
  const what = `${request.name} ${request.version}: ${why}. It may:\n${request.lines.map((l) => `  ${l}`).join('\n')}`;
  if (!options.grant) {
    if (!options.ask) throw new UsageError(`${what}\nnothing ran`, `approve it with: llmspell run ${request.name} --grant (or in the studio)`);
    options.ask.stderr.write(`${what}\n? Allow ${request.name} ${request.version} to run with these permissions? [y/N] `);
    const answer = await options.ask.input.readLine(new AbortController().signal);
    if (!/^\s*y(es)?\s*$/i.test(answer ?? '')) throw new UsageError(`declined: ${request.name} did not run`);
  }
  await store.grant(request, 'cli');
  return `approved ${request.name} ${request.version}; remembered in ${store.file}`;
}
