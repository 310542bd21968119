import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { llmspellHome } from '../../config';
import { generateSigningKeys } from '../../spells/bundle/signing';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { UsageError } from '../usage-error';

const usage = 'usage: llmspell keygen [name] [--out DIR] [--trust]   (default: signing, in $LLMSPELL_HOME/keys)';

export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'make an ed25519 key pair for signing bundles (llmspell pack --sign)',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' }, trust: { type: 'boolean' } }, usage);
    const name = positionals[0] ?? 'signing';
    if (positionals.length > 1 || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new UsageError(`bad key name '${name}'`, usage);
    const home = llmspellHome(ctx.env);
    const dir = values.out ? path.resolve(ctx.cwd, values.out) : path.join(home, 'keys');
    const keyFile = path.join(dir, `${name}.key`);
    const pubFile = path.join(dir, `${name}.pub`);
    if (existsSync(keyFile) || existsSync(pubFile)) throw new UsageError(`${keyFile} or ${pubFile} exists already; choose another name`, usage);
    const keys = generateSigningKeys();
    mkdirSync(dir, { recursive: true });
    // The private key is readable by its owner only.
    writeFileSync(keyFile, keys.privateKey, { mode: 0o600, flag: 'wx' });
    writeFileSync(pubFile, keys.publicKey, { flag: 'wx' });
    const lines = [`wrote ${keyFile} (private: keep it secret) and ${pubFile}`, `fingerprint ${keys.fingerprint}`, `sign with: llmspell pack <spell> --sign ${keyFile}`];
    if (values.trust) {
      const trusted = path.join(home, 'trusted-keys');
      mkdirSync(trusted, { recursive: true });
      copyFileSync(pubFile, path.join(trusted, `${name}.pub`));
      lines.push(`trusted here: copied the public key to ${trusted}`);
    } else lines.push(`to trust it on a machine, copy ${name}.pub into $LLMSPELL_HOME/trusted-keys/`);
    ctx.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
