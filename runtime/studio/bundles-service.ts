import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { MAX_EXPORT_BYTES, MAX_UPLOAD_BYTES, type ConsentRequest } from '../contract/consent';
import { MANIFEST_FILE } from '../contract/spell-manifest';
import { DIGEST_FILE } from '../spells/bundle/bundle-format';
import { installBundle } from '../spells/bundle/install-bundle';
import { packSpell } from '../spells/bundle/pack-spell';
import { BundleError, readBundle } from '../spells/bundle/read-bundle';
import { verifyBundle } from '../spells/bundle/verify-bundle';
import { consentRequest } from '../spells/consent/consent-request';
import type { GrantStore } from '../spells/consent/grant-store';
import { isInstalledFromBundle } from '../spells/consent/installed-spell';
import { installFolder } from '../spells/library/library-folders';
import { readManifestFile } from '../spells/manifest-file';
import { checkFingerprint } from './consent-service';
import type { SettingsService } from './settings-service';
import { badInput, StudioError } from './studio-error';
import type { StudioEvents } from './studio-events';
import type { HandlersFor } from './studio-handlers';
import { toSummary, type StudioLibrary } from './studio-library';

/** What importing and exporting bundles needs. */
export interface BundlesDeps {
  library: StudioLibrary;
  settings: SettingsService;
  events: StudioEvents;
  grants: GrantStore;
  home: string;
}

/** Uploads waiting for the user's answer; older ones are dropped (and their files removed). */
const MAX_PENDING = 8;
const PENDING_MS = 60 * 60 * 1000;

interface Pending {
  file: string;
  fileName: string;
  request: ConsentRequest;
  at: number;
}

/**
 * `.spell` bundles in the studio, through the CLI's own code: an upload is written (bounded) to a
 * private staging file in `$LLMSPELL_HOME/studio-uploads`, read by the bounded bundle reader and
 * verified (digest, signature against the trusted keys) without extracting anything; the user sees
 * what it may do and approves, and only then does `installBundle` put it into `$LLMSPELL_HOME/spells`
 * (its own staging folder there, renamed into place), and the approval is remembered as a grant.
 * Export packs a spell with `packSpell`, signed with `$LLMSPELL_HOME/keys/signing.key` when present.
 */
export function bundlesService(deps: BundlesDeps): { handlers: HandlersFor<'bundles.upload' | 'bundles.install' | 'bundles.discard' | 'bundles.export'>; close(): void } {
  const uploads = path.join(deps.home, 'studio-uploads');
  // Leftovers of an earlier studio: nobody can answer for them any more.
  rmSync(uploads, { recursive: true, force: true });
  const pending = new Map<string, Pending>();
  const drop = (id: string) => {
    const upload = pending.get(id);
    pending.delete(id);
    if (upload) rmSync(upload.file, { force: true });
  };
  const prune = () => {
    const now = Date.now();
    for (const [id, upload] of pending) if (now - upload.at > PENDING_MS) drop(id);
    while (pending.size >= MAX_PENDING) drop(pending.keys().next().value!);
  };
  const requireSigned = () => deps.settings.runConfig().config.install.require_signed;
  const trustedKeys = path.join(deps.home, 'trusted-keys');
  /** Reads and verifies a staged bundle; a BundleError's message names the user's file, not ours. */
  const inspect = (file: string, fileName: string) => {
    try {
      const bundle = verifyBundle(readBundle(file), trustedKeys);
      const signature = bundle.signedBy
        ? { status: 'signed' as const, publisher: bundle.signedBy.fingerprint, keyFile: path.basename(bundle.signedBy.file) }
        : { status: 'unsigned' as const };
      return { bundle, request: consentRequest(bundle.manifest, signature) };
    } catch (error) {
      if (error instanceof BundleError) throw new StudioError(`${fileName}: ${error.message.split(file).join(fileName)}`, 'bad_bundle');
      throw error;
    }
  };

  return {
    close: () => {
      for (const id of [...pending.keys()]) drop(id);
    },
    handlers: {
      'bundles.upload': ({ fileName, data }) => {
        const bytes = Buffer.from(data, 'base64');
        if (bytes.length > MAX_UPLOAD_BYTES) throw tooLarge();
        if (bytes.length === 0) throw badInput('data', 'the file is empty');
        prune();
        mkdirSync(uploads, { recursive: true, mode: 0o700 });
        const uploadId = randomUUID();
        // 'wx' and a fresh random name: never follows or reuses anything already there.
        const file = path.join(uploads, `${uploadId}.spell`);
        writeFileSync(file, bytes, { flag: 'wx', mode: 0o600 });
        try {
          const { bundle, request } = inspect(file, fileName);
          if (!bundle.signedBy && requireSigned()) {
            throw new StudioError(`${fileName}: ${request.name} ${request.version} is unsigned, and only signed bundles may be installed (install.require_signed)`, 'unsigned');
          }
          const target = path.join(installFolder(deps.home), request.name);
          // Why: approving replaces an installed copy, but never a spell the user made (no bundle digest).
          if (existsSync(target) && !isInstalledFromBundle(target)) {
            throw new StudioError(`${fileName}: your library already has a spell of your own called ${request.name} (${target}); rename it to install this one`, 'exists');
          }
          const installed = existsSync(target) ? readManifestFile(path.join(target, MANIFEST_FILE)) : undefined;
          const unchanged = installed !== undefined && sameBytes(path.join(target, DIGEST_FILE), bundle.files.get(DIGEST_FILE));
          pending.set(uploadId, { file, fileName, request, at: Date.now() });
          return {
            uploadId,
            request,
            unchanged,
            ...(installed?.ok && !unchanged ? { replaces: installed.manifest.version } : {}),
            ...(installed && !installed.ok ? { replaces: 'a spell with an invalid manifest' } : {}),
          };
        } catch (error) {
          rmSync(file, { force: true });
          throw error;
        }
      },
      'bundles.install': async ({ uploadId, fingerprint }) => {
        const upload = pending.get(uploadId);
        if (!upload) throw new StudioError(`uploadId: no upload ${uploadId} waits (it was installed, declined or expired); import the file again`, 'not_found');
        checkFingerprint(upload.request, fingerprint);
        let result;
        try {
          // The dialog was the consent to an unsigned bundle and to replacing another version.
          result = installBundle(upload.file, { home: deps.home, force: true, allowUnsigned: true, requireSigned: requireSigned() });
        } catch (error) {
          if (error instanceof BundleError) throw new StudioError(`${upload.fileName}: ${error.message.split(upload.file).join(upload.fileName)}`, 'bad_bundle');
          throw error;
        } finally {
          drop(uploadId);
        }
        await deps.grants.grant(upload.request, 'studio');
        deps.library.refresh();
        deps.events.emit('library', { reason: 'installed' });
        return { spell: toSummary(deps.library.locate(result.path)), status: result.status };
      },
      'bundles.discard': ({ uploadId }) => {
        drop(uploadId);
        return { ok: true as const };
      },
      'bundles.export': async ({ path: spellPath }) => {
        const entry = deps.library.locate(spellPath);
        if (!existsSync(path.join(entry.path, MANIFEST_FILE))) throw new StudioError(`path: ${entry.name} has no ${MANIFEST_FILE}; only a spell folder with a manifest makes a bundle`, 'cannot_export');
        const keyFile = path.join(deps.home, 'keys', 'signing.key');
        mkdirSync(path.join(deps.home, 'studio-exports'), { recursive: true, mode: 0o700 });
        const out = await mkdtemp(path.join(deps.home, 'studio-exports', 'pack-'));
        try {
          let packed;
          try {
            packed = packSpell(entry.path, { outDir: out, ...(existsSync(keyFile) ? { signKey: keyFile } : {}) });
          } catch (error) {
            throw new StudioError(`cannot export ${entry.name}: ${(error as Error).message}`, 'cannot_export');
          }
          const bytes = await readFile(packed.file);
          if (bytes.length > MAX_EXPORT_BYTES) throw new StudioError(`${entry.name} makes a bundle over ${MAX_EXPORT_BYTES / 2 ** 20} MiB; pack it with llmspell pack instead`, 'too_large');
          return { fileName: path.basename(packed.file), data: bytes.toString('base64'), ...(packed.signedBy ? { signedBy: packed.signedBy } : {}) };
        } finally {
          await rm(out, { recursive: true, force: true });
        }
      },
    },
  };
}

function tooLarge(): StudioError {
  return new StudioError(`data: the bundle is larger than ${MAX_UPLOAD_BYTES / 2 ** 20} MiB; install it with llmspell install instead`, 'too_large');
}

function sameBytes(file: string, bytes: Buffer | undefined): boolean {
  try {
    return bytes !== undefined && readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}
