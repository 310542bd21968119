/**
 * Host paths never reach a spell: an error from the file system names absolute paths (the user's
 * name, the layout of their disk). Every error message the host sends to a spell passes through
 * `scrubHostPaths`, which replaces the folders a path could start with by neutral names.
 */
import { realpathSync } from 'node:fs';
import os from 'node:os';

type Replacement = [prefix: string, label: string];

let cached: Replacement[] | undefined;

function realOrSame(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function hostPrefixes(): Replacement[] {
  if (cached) return cached;
  const pairs: Replacement[] = [];
  const add = (p: string | undefined, label: string) => {
    // '/' or a drive root would replace every separator: such a folder names nobody anyway
    if (!p || p.length < 3) return;
    for (const variant of new Set([p, realOrSame(p)])) pairs.push([variant, label]);
  };
  add(process.env.LLMSPELL_HOME, '$LLMSPELL_HOME');
  add(process.cwd(), '.');
  add(os.tmpdir(), '$TMPDIR');
  add(os.homedir(), '~');
  // longest first: a working folder inside the home folder reads '.', not '~/project'
  cached = pairs.sort((a, b) => b[0].length - a[0].length);
  return cached;
}

/** `message` with host folders replaced (`extra` first, e.g. a storage root as `storage`). */
export function scrubHostPaths(message: string, extra: readonly Replacement[] = []): string {
  let out = message;
  for (const [prefix, label] of [...extra, ...hostPrefixes()]) {
    if (prefix.length >= 3 && out.includes(prefix)) out = out.split(prefix).join(label);
  }
  return out;
}
