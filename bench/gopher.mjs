// gopher-lua, the Go Lua VM go-llmspell embeds, as a yardstick: bench/gopher-lua/main.go is built
// against Debian's golang-github-yuin-gopher-lua-dev (GOPATH=/usr/share/gocode, no module proxy).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { root } from './build-drivers.mjs';
import { best, run } from './stats.mjs';

const GOPATH = '/usr/share/gocode';

/** Builds the runner into dist/; resolves with its path, or with a reason it cannot be had. */
export async function buildGopherTimer() {
  if (!existsSync(path.join(GOPATH, 'src', 'github.com', 'yuin', 'gopher-lua'))) {
    return { missing: 'gopher-lua sources are not installed (apt-get install golang-go golang-github-yuin-gopher-lua-dev)' };
  }
  const out = path.join(root, 'dist', 'bench-gopher-timer');
  mkdirSync(path.dirname(out), { recursive: true });
  try {
    const env = { ...process.env, GOPATH, GO111MODULE: 'off', GOFLAGS: '', GOCACHE: process.env.GOCACHE ?? path.join(root, '.tmp', 'gocache') };
    await run('go', ['build', '-o', out, './bench/gopher-lua'], { cwd: root, env });
    return { path: out };
  } catch (error) {
    return { missing: `go could not build the gopher-lua runner (${String(error).split('\n')[0]})` };
  }
}

/** Best of `reps` in-run times of one workload under gopher-lua, or the error it failed with. */
export async function timeGopher(timer, file, reps) {
  try {
    const stdout = await run(timer, [file, String(reps)]);
    return { ms: best([...stdout.matchAll(/^ms (\S+)$/gm)].map((m) => Number(m[1]))) };
  } catch (error) {
    const lines = String(error).split('\n');
    return { error: (lines.find((line) => /runtime error|panic|out of range/i.test(line)) ?? lines[0] ?? 'failed').trim() };
  }
}
