import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli, tempWorkspace } from '../helpers/cli';
import { isAlive, orphanedEngineProcesses } from '../helpers/processes';

/**
 * Runs started by a run (a workflow a spell runs, the spells and scripts of that workflow, and so on)
 * share the caller's budget: its time, its memory cap, its engine-process cap and a nesting depth cap.
 * Every case here is a real `llmspell` process.
 */
const ws = tempWorkspace('llmspell-nested-');
const home = path.join(ws.dir, 'home');
mkdirSync(home, { recursive: true });
const env = { LLMSPELL_HOME: home, HOME: ws.dir };
afterAll(() => ws.cleanup());

/** A workflow file with one spell node running `spell`. */
const spellFlow = (name: string, spell: string, params = '') =>
  `name: ${name}\ninputs:\n  depth: { type: number, default: 0 }\nnodes:\n  - id: s\n    type: spell\n    config:\n      spell: ${spell}\n${params}`;
/** A Lua spell that runs the workflow file `flow` and fails with its error. */
const runsFlow = (flow: string, inputs = '{}') => `local wf = assert(workflow.load("${flow}"))\nlocal out, err = wf:run(${inputs})\nif not out then error(err, 0) end\nprint(out)\n`;

/** Engine processes whose parent is `pid`. */
function childEngines(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('engine-process.cjs') && new RegExp(`^PPid:\\s+${pid}$`, 'm').test(readFileSync(`/proc/${entry}/status`, 'utf8'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('nested runs share their caller budget', () => {
  it('a spell with --timeout 2 whose workflow runs a busy spell ends with the time-limit error, as fast as a spell alone', { timeout: 60_000 }, async () => {
    ws.write('busy.lua', 'local n = 0\nwhile true do n = n + 1 end\n');
    ws.write('busy.workflow.yaml', spellFlow('busy', 'busy.lua'));
    ws.write('timed.lua', runsFlow('busy.workflow.yaml'));
    const timed = async (file: string) => {
      const started = performance.now();
      const result = await runCli(['run', file, '--timeout', '2'], { cwd: ws.dir, env });
      return { ...result, seconds: (performance.now() - started) / 1000 };
    };
    // The busy spell run alone is the yardstick for this machine's start-up and teardown (on a quiet
    // machine about 2.6 s in all); the nested run must not wait out a kill grace on top of it.
    // The kill grace it must not wait is 1 s; the best of two runs each, taken in turns, keeps a busy
    // machine's noise out of the comparison.
    const alone = [await timed('busy.lua')];
    const nested = [await timed('timed.lua')];
    alone.push(await timed('busy.lua'));
    nested.push(await timed('timed.lua'));
    for (const run of alone) expect(run.stderr).toContain('run exceeded its time limit (2 s)');
    for (const run of nested) {
      expect(run.stderr).toContain('error: run exceeded its time limit (2 s)');
      expect(run.code).toBe(1);
    }
    const best = (runs: { seconds: number }[]) => Math.min(...runs.map((r) => r.seconds));
    expect(best(nested) - best(alone)).toBeLessThan(0.6);
    expect(orphanedEngineProcesses()).toEqual([]);
  });

  it('passes the memory cap down: a nested spell gets the caller --memory, not the default', async () => {
    ws.write('hungry.lua', 'local t = {}\nfor i = 1, 120 do t[i] = string.rep("x", 1024 * 1024) .. i end\nworkflow.output(#t)\n');
    ws.write('hungry.workflow.yaml', spellFlow('hungry', 'hungry.lua'));
    ws.write('feeds.lua', runsFlow('hungry.workflow.yaml'));
    const result = await runCli(['run', 'feeds.lua', '--memory', '64'], { cwd: ws.dir, env });
    expect(result.stderr).toMatch(/error: workflow 'hungry': node 's' \(spell\): .*memory limit/);
    expect(result.code).toBe(1);
  });

  it('stops spell → workflow → spell recursion at the depth cap, naming the depth and the chain', async () => {
    ws.write('again.lua', runsFlow('again.workflow.yaml', '{ depth = (params.depth or 0) + 1 }'));
    ws.write('again.workflow.yaml', spellFlow('again', 'again.lua', '      params: { depth: "{{depth}}" }\n'));
    const result = await runCli(['run', 'again.lua'], { cwd: ws.dir, env });
    expect(result.code).toBe(1);
    const chain = ['again.lua', ...Array(4).fill(['again.workflow.yaml', 'again.lua']).flat(), 'again.workflow.yaml'].join(' → ');
    expect(result.stderr).toContain(`workflow.run_file: runs nest too deep: again.workflow.yaml would be level 9 below the top-level run, the limit is 8 (limits.max_depth): ${chain}\n`);
  });

  it('takes the depth cap and the process cap from the configuration, and shows them in config show', async () => {
    const dir = path.join(ws.dir, 'capped');
    mkdirSync(dir);
    const write = (name: string, text: string) => ws.write(path.join('capped', name), text);
    write('llmspell.yaml', 'limits:\n  max_depth: 2\n  max_processes: 2\n');
    const shown = await runCli(['config', 'show'], { cwd: dir, env });
    expect(shown.stdout).toMatch(/^limits\.max_depth = 2 +\(\.\/llmspell\.yaml\)$/m);
    expect(shown.stdout).toMatch(/^limits\.max_processes = 2 +\(\.\/llmspell\.yaml\)$/m);

    write('again.lua', runsFlow('again.workflow.yaml'));
    write('again.workflow.yaml', spellFlow('again', 'again.lua'));
    const deep = await runCli(['run', 'again.lua'], { cwd: dir, env });
    expect(deep.stderr).toContain('runs nest too deep: again.workflow.yaml would be level 3 below the top-level run, the limit is 2 (limits.max_depth): again.lua → again.workflow.yaml → again.lua → again.workflow.yaml\n');

    // The spell is one process, so only one of the two parallel script nodes may start.
    write('pair.workflow.yaml', 'name: pair\nnodes:\n  - { id: a, type: script, config: { code: "async.sleep(0.5) return 1" } }\n  - { id: b, type: script, config: { code: "async.sleep(0.5) return 2" } }\n');
    write('pair.lua', runsFlow('pair.workflow.yaml'));
    const wide = await runCli(['run', 'pair.lua'], { cwd: dir, env });
    expect(wide.code).toBe(1);
    expect(wide.stderr).toMatch(/too many engine processes: the run already has 2 running, the limit is 2 \(limits\.max_processes\): pair\.lua → pair\.workflow\.yaml → pair\.workflow\.yaml\[[ab]\]/);
  });

  it('Ctrl-C on the caller ends the nested runs and their engine processes at once', async () => {
    ws.write('spin.lua', 'while true do end\n');
    ws.write('spin.workflow.yaml', spellFlow('spin', 'spin.lua'));
    ws.write('spins.lua', runsFlow('spin.workflow.yaml'));
    const child = spawn(process.execPath, [CLI, 'run', 'spins.lua'], { cwd: ws.dir, env: { PATH: process.env.PATH ?? '', MOCK_LLM: 'true', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let engines: number[] = [];
    for (let i = 0; i < 200 && engines.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      engines = childEngines(child.pid!);
    }
    expect(engines.length).toBe(2); // the caller's and the nested spell's, from the caller's one supervisor
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopped = performance.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(performance.now() - stopped).toBeLessThan(1500);
    expect(code).toBe(1);
    expect(stderr).toContain('interrupted');
    expect(engines.filter(isAlive)).toEqual([]);
    expect(orphanedEngineProcesses()).toEqual([]);
  });
});
