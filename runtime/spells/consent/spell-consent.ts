import path from 'node:path';
import type { ConsentRequest } from '../../contract/consent';
import { MANIFEST_FILE } from '../../contract/spell-manifest';
import { readManifestFile } from '../manifest-file';
import { asksForAnything } from './consent-request';
import type { GrantStatus, GrantStore } from './grant-store';
import { installedConsentRequest, isInstalledFromBundle } from './installed-spell';

/** A spell that must be approved before it runs, and whether it is. */
export interface SpellConsent {
  request: ConsentRequest;
  status: GrantStatus;
}

/**
 * The consent question for running the spell at `spellPath`, or undefined when it needs none: the
 * user's own spells, and installed ones that ask for nothing. A manifest that does not validate needs
 * none here because the run itself is refused for it.
 */
export function spellConsent(spellPath: string, home: string, store: GrantStore): SpellConsent | undefined {
  if (!isInstalledFromBundle(spellPath)) return undefined;
  const read = readManifestFile(path.join(spellPath, MANIFEST_FILE));
  if (!read.ok) return undefined;
  const request = installedConsentRequest(spellPath, read.manifest, home);
  if (!asksForAnything(request) && request.signature.status !== 'modified') return undefined;
  return { request, status: store.status(request) };
}
