import type { ConsentRequest } from '../contract/consent';
import { GrantStore } from '../spells/consent/grant-store';
import { spellConsent } from '../spells/consent/spell-consent';
import { badInput, StudioError } from './studio-error';
import type { HandlersFor } from './studio-handlers';
import type { StudioLibrary } from './studio-library';

/** What the consent service needs. */
export interface ConsentDeps {
  library: StudioLibrary;
  home: string;
}

/** The consent methods, and the check every run of a spell passes first. */
export interface ConsentService {
  handlers: HandlersFor<'consent.check' | 'consent.grant' | 'consent.list' | 'consent.revoke'>;
  /** Throws `consent_required` when the spell at this (library) path needs an approval it does not have. */
  assert(spellPath: string): void;
  store: GrantStore;
}

/**
 * Grants for spells from someone else (installed from a bundle): asked before the first run, kept per
 * name + version + permission set in `$LLMSPELL_HOME/grants.json` (the CLI reads the same file), and
 * revocable. Declining is the renderer not calling `consent.grant`: nothing runs without one.
 */
export function consentService({ library, home }: ConsentDeps): ConsentService {
  const store = new GrantStore(home);
  const question = (spellPath: string) => spellConsent(library.locate(spellPath).path, home, store);
  return {
    store,
    assert(spellPath) {
      const consent = question(spellPath);
      if (!consent || consent.status === 'granted') return;
      const { name, version } = consent.request;
      const why = { none: 'has not been approved yet', revoked: 'had its approval revoked', changed: 'asks for other permissions than you approved' }[consent.status];
      throw new StudioError(`${name} ${version} ${why}: approve what it may do before it runs`, 'consent_required');
    },
    handlers: {
      'consent.check': ({ path }) => {
        const consent = question(path);
        if (!consent) return { required: false, granted: true };
        return { required: true, granted: consent.status === 'granted', status: consent.status, request: consent.request };
      },
      'consent.grant': async ({ path, fingerprint }) => {
        const consent = question(path);
        if (!consent) throw new StudioError(`path: ${path} needs no approval to run`, 'not_needed');
        checkFingerprint(consent.request, fingerprint);
        return store.grant(consent.request, 'studio');
      },
      'consent.list': () => store.list().sort((a, b) => (a.name === b.name ? b.grantedAt - a.grantedAt : a.name < b.name ? -1 : 1)),
      'consent.revoke': async ({ name, version }) => {
        if (!(await store.revoke(name, version))) throw new StudioError(`name: no approval of ${name} ${version} to revoke`, 'not_found');
        return store.list();
      },
    },
  };
}

/** The user approved exactly what they saw: a request that changed since (an edit, a new install) is refused. */
export function checkFingerprint(request: ConsentRequest, fingerprint: string): void {
  if (request.fingerprint !== fingerprint) {
    throw new StudioError(`fingerprint: ${request.name} ${request.version} changed since the dialog showed it; look at it again`, 'stale');
  }
  if (!/^[0-9a-f]{64}$/.test(fingerprint)) throw badInput('fingerprint', 'expected 64 hex digits');
}
