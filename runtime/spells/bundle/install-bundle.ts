import type { SpellDependency } from '../../contract/spell-manifest-fields';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describePermissions } from '../../contract/spell-permissions';
import { installFolder } from '../library/library-folders';
import { readManifestFile } from '../manifest-file';
import { DIGEST_FILE } from './bundle-format';
import { BundleError, readBundle } from './read-bundle';
import { verifyBundle } from './verify-bundle';

/** Options of {@link installBundle}. */
export interface InstallOptions {
  /** The llmspell home: installs go to its `spells/`, trusted keys come from its `trusted-keys/`. */
  home: string;
  /** Replace an installed spell of the same name even when it differs (another version or content). */
  force?: boolean;
  /** The user consents to installing a bundle no trusted key vouches for (`--allow-unsigned`). */
  allowUnsigned?: boolean;
  /** Refuse unsigned bundles even with consent (`install.require_signed`, `--require-signed`). */
  requireSigned?: boolean;
}

/** What an install did. */
export interface InstallResult {
  name: string;
  version: string;
  /** The installed spell folder. */
  path: string;
  /** `unchanged`: the same bundle was installed already. */
  status: 'installed' | 'replaced' | 'unchanged';
  /** The version that was replaced (or found), when there was one. */
  previousVersion?: string;
  /** One line per permission the spell asks for. */
  permissions: string[];
  /** Whether its manifest has a permissions section (without one it runs under the configured policy). */
  permissionsDeclared: boolean;
  /** Other spells it needs (see spells/dependencies.ts). */
  dependencies: SpellDependency[];
  /** The limits its manifest asks for (seconds, megabytes). */
  limits: { timeout?: number; memory?: number; cpu?: number; cost?: number };
  /** Fingerprint and file of the trusted key that verified the signature; undefined when unsigned. */
  signedBy?: { fingerprint: string; file: string };
}

/**
 * Installs a `.spell` bundle into `$LLMSPELL_HOME/spells/<name>`: reads it into memory (refusing
 * unsafe archives), verifies digest and signature, then writes the files into a fresh staging
 * folder and renames it into place. A different spell already installed under that name is
 * replaced only with `force`. Installing never executes the spell.
 */
export function installBundle(file: string, options: InstallOptions): InstallResult {
  const bundle = verifyBundle(readBundle(file), path.join(options.home, 'trusted-keys'));
  const { manifest } = bundle;
  if (!bundle.signedBy) {
    // Without a signature, the digest only proves the files agree with each other, not who made them.
    if (options.requireSigned) {
      throw new BundleError(`${manifest.name} ${manifest.version} is unsigned, and only signed bundles may be installed (install.require_signed or --require-signed)`);
    }
    if (!options.allowUnsigned) {
      throw new BundleError(`${manifest.name} ${manifest.version} is unsigned: no trusted key vouches for who made it. Install it anyway with --allow-unsigned, or ask its author for a signed bundle`);
    }
  }
  const root = installFolder(options.home);
  const target = path.join(root, manifest.name);
  const result: InstallResult = { name: manifest.name, version: manifest.version, path: target, status: 'installed', permissions: describePermissions(manifest.permissions), permissionsDeclared: manifest.permissionsDeclared, dependencies: manifest.dependencies, limits: manifest.limits };
  if (bundle.signedBy) result.signedBy = { fingerprint: bundle.signedBy.fingerprint, file: bundle.signedBy.file };

  if (existsSync(target)) {
    const installed = readManifestFile(path.join(target, 'spell.yaml'));
    if (installed.ok) result.previousVersion = installed.manifest.version;
    if (sameDigest(path.join(target, DIGEST_FILE), bundle.files.get(DIGEST_FILE))) return { ...result, status: 'unchanged' };
    if (!options.force) {
      const what = installed.ok ? `version ${installed.manifest.version}` : 'a different spell';
      const same = installed.ok && installed.manifest.version === manifest.version ? ' with different contents' : '';
      throw new BundleError(`${target} already holds ${what}${same}; refusing to replace it with ${manifest.version} (use --force to replace it)`);
    }
    result.status = 'replaced';
  }

  mkdirSync(root, { recursive: true });
  // Every path was checked by readBundle; the staging folder is new, so no symlink can be in the way.
  const staging = mkdtempSync(path.join(root, `.install-${manifest.name}-`));
  try {
    chmodSync(staging, 0o755); // mkdtemp makes it private; an installed spell is as readable as its files
    for (const [name, data] of bundle.files) {
      const dest = path.join(staging, name);
      if (!dest.startsWith(staging + path.sep)) throw new BundleError(`refusing to write outside the install folder: ${name}`);
      mkdirSync(path.dirname(dest), { recursive: true });
      writeFileSync(dest, data, { flag: 'wx', mode: 0o644 });
    }
    if (result.status === 'replaced') {
      const old = `${staging}.old`;
      renameSync(target, old);
      renameSync(staging, target);
      rmSync(old, { recursive: true, force: true });
    } else renameSync(staging, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return result;
}

function sameDigest(installedDigest: string, bundleDigest: Buffer | undefined): boolean {
  try {
    return bundleDigest !== undefined && readFileSync(installedDigest).equals(bundleDigest);
  } catch {
    return false;
  }
}
