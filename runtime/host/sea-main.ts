/**
 * Main script of the standalone `llmspell` binary (a Node SEA, built by scripts/build-sea.mjs).
 * The runtime's bundles, the engines' wasm and the studio's files ride in the binary as SEA assets.
 * The first start unpacks them into `$LLMSPELL_HOME/runtime/<version>-<hash>/` (atomically: a
 * folder renamed into place, so concurrent first starts are safe), later starts reuse that folder.
 * Then it runs the CLI, or, started again by the supervisor with SEA_ROLE_VAR=engine, an engine
 * process. A SEA main script cannot import() ES modules, so a small CommonJS launcher on disk does.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { getAsset } from 'node:sea';
import { SEA_DIR_VAR, SEA_ROLE_VAR } from './sea';

/** The asset listing every other asset, written by scripts/build-sea.mjs. */
interface SeaManifest {
  version: string;
  /** Content hash of every file: a changed build unpacks into a new folder. */
  hash: string;
  /** Paths relative to the unpacked folder; each is the asset named `files/<path>`. */
  files: string[];
}

const COMPLETE = '.complete';
/** Unpacked runtimes of other builds unused this long are removed (each start touches its marker). */
const UNUSED_MS = 30 * 24 * 3600 * 1000;

/** Marks `dir` as used now and removes sibling runtimes of other builds that have not been used for a month. */
function tidy(dir: string): void {
  try {
    const now = new Date();
    utimesSync(path.join(dir, COMPLETE), now, now);
    const parent = path.dirname(dir);
    for (const name of readdirSync(parent)) {
      const other = path.join(parent, name);
      if (other === dir) continue;
      const marker = statSync(path.join(other, COMPLETE), { throwIfNoEntry: false });
      // Half-written folders of dead starts have no marker: their age is the folder's own.
      const used = (marker ?? statSync(other)).mtimeMs;
      if (now.getTime() - used > UNUSED_MS) rmSync(other, { recursive: true, force: true });
    }
  } catch {
    // tidying is best effort: never a reason not to start
  }
}

function unpacked(manifest: SeaManifest): string {
  const given = process.env[SEA_DIR_VAR];
  if (given && readMarker(given) === manifest.hash) return given;
  const home = process.env.LLMSPELL_HOME?.trim() || path.join(os.homedir(), '.llmspell');
  const dir = path.join(home, 'runtime', `${manifest.version}-${manifest.hash.slice(0, 16)}`);
  if (readMarker(dir) === manifest.hash) return dir;
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const file of manifest.files) {
    const target = path.join(staging, file);
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(target, Buffer.from(getAsset(`files/${file}`)));
  }
  writeFileSync(path.join(staging, COMPLETE), manifest.hash);
  try {
    rmSync(dir, { recursive: true, force: true }); // a folder left half-written by an older layout
    renameSync(staging, dir);
  } catch (error) {
    // Another first start won the race: its folder is as good as ours.
    rmSync(staging, { recursive: true, force: true });
    if (readMarker(dir) !== manifest.hash) throw error;
  }
  return dir;
}

function readMarker(dir: string): string | undefined {
  const marker = path.join(dir, COMPLETE);
  return existsSync(marker) ? readFileSync(marker, 'utf8') : undefined;
}

type Launch = (dir: string, role: 'cli' | 'engine', args: string[]) => Promise<void>;

const manifest = JSON.parse(getAsset('manifest.json', 'utf8')) as SeaManifest;
let dir: string;
try {
  dir = unpacked(manifest);
} catch (error) {
  process.stderr.write(`llmspell: cannot unpack the runtime (set LLMSPELL_HOME to a writable folder): ${(error as Error).message}\n`);
  process.exit(1);
}
process.env[SEA_DIR_VAR] = dir;
const role = process.env[SEA_ROLE_VAR] === 'engine' ? 'engine' : 'cli';
if (role === 'cli') tidy(dir);
delete process.env[SEA_ROLE_VAR];
const launch = createRequire(path.join(dir, 'package.json'))('./sea-launch.cjs') as Launch;
// An engine process ignores its command line (fork put the entry path there); the CLI gets the user's.
void launch(dir, role, process.argv.slice(2));
