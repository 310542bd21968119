import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ConsentGrant, type ConsentRequest } from '../../contract/consent';
import { writeFileAtomic } from '../../security/atomic-write';

const GrantsFile = z.object({
  format: z.literal('llmspell-grants/1'),
  grants: z.array(ConsentGrant),
  /** `name@version` of grants the user revoked: the CLI asks again for those even without a terminal prompt. */
  revoked: z.array(z.string()).default([]),
});
type GrantsFile = z.infer<typeof GrantsFile>;

/** Whether a spell may run without asking. */
export type GrantStatus = 'granted' | 'changed' | 'revoked' | 'none';

/**
 * `$LLMSPELL_HOME/grants.json`: the consents the user gave, one per spell name + version, shared by
 * the studio and the CLI. Read fresh on every question (the other one may have written it), replaced
 * atomically on every change. A file that does not parse counts as no grants: the user is asked again,
 * never let through.
 */
export class GrantStore {
  readonly file: string;

  constructor(home: string) {
    this.file = path.join(home, 'grants.json');
  }

  list(): ConsentGrant[] {
    return this.read().grants;
  }

  /** Whether this exact request was approved (`changed`: this version was, with other permissions). */
  status(request: Pick<ConsentRequest, 'name' | 'version' | 'fingerprint'>): GrantStatus {
    const file = this.read();
    const grant = file.grants.find((g) => g.name === request.name && g.version === request.version);
    if (grant) return grant.fingerprint === request.fingerprint ? 'granted' : 'changed';
    return file.revoked.includes(key(request)) ? 'revoked' : 'none';
  }

  /** Remembers an approval of `request` (replacing this version's earlier one). */
  async grant(request: ConsentRequest, via: ConsentGrant['via'], now = Date.now()): Promise<ConsentGrant> {
    const file = this.read();
    const grant: ConsentGrant = {
      name: request.name,
      version: request.version,
      fingerprint: request.fingerprint,
      lines: request.lines,
      ...(request.signature.status === 'signed' && request.signature.publisher ? { publisher: request.signature.publisher } : {}),
      grantedAt: now,
      via,
    };
    const grants = file.grants.filter((g) => !(g.name === request.name && g.version === request.version));
    await this.write({ ...file, grants: [...grants, grant], revoked: file.revoked.filter((r) => r !== key(request)) });
    return grant;
  }

  /** Forgets an approval; the spell asks again on its next run. False when there was none. */
  async revoke(name: string, version: string): Promise<boolean> {
    const file = this.read();
    const grants = file.grants.filter((g) => !(g.name === name && g.version === version));
    if (grants.length === file.grants.length) return false;
    const revoked = [...new Set([...file.revoked, key({ name, version })])].slice(-1000);
    await this.write({ ...file, grants, revoked });
    return true;
  }

  private read(): GrantsFile {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return empty();
    }
    try {
      const parsed = GrantsFile.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : empty();
    } catch {
      return empty();
    }
  }

  private async write(file: GrantsFile): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(file, null, 2)}\n`);
  }
}

const key = (r: { name: string; version: string }) => `${r.name}@${r.version}`;
const empty = (): GrantsFile => ({ format: 'llmspell-grants/1', grants: [], revoked: [] });
