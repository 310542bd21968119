import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadedConfig } from '../../config';
import { SPELL_ENGINES, type SpellEngine } from '../../contract/spell-manifest';
import { Supervisor } from '../../host/supervisor';
import { runSpell } from '../../services/run-spell';
import { resolveSpell } from '../../spells/resolve-spell';
import { fail, pass, type CheckResult } from './check';

/** A one-line spell per engine that prints `ok`; an engine added to SPELL_ENGINES needs one here. */
const PROBES: Record<SpellEngine, { file: string; code: string }> = {
  lua: { file: 'probe.lua', code: 'print("ok")\n' },
  javascript: { file: 'probe.js', code: 'console.log("ok");\n' },
  tengo: { file: 'probe.tengo', code: 'fmt := import("fmt")\nfmt.println("ok")\n' },
};

/** Runs the probe spell of every engine through the real path (supervisor, engine process, bridges). */
export async function checkEngines(loaded: LoadedConfig, home: string): Promise<CheckResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'llmspell-doctor-'));
  const supervisor = new Supervisor({ poolSize: 0, refillPool: false });
  try {
    const results: CheckResult[] = [];
    for (const engine of SPELL_ENGINES) results.push(await checkEngine(engine, dir, loaded, home, supervisor));
    return results;
  } finally {
    await supervisor.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function checkEngine(engine: SpellEngine, dir: string, loaded: LoadedConfig, home: string, supervisor: Supervisor): Promise<CheckResult> {
  const subject = `engine ${engine}`;
  const fix = 'reinstall llmspell; if it persists, run `llmspell run <spell> --log-level debug` and report the output';
  try {
    const probe = PROBES[engine];
    writeFileSync(path.join(dir, probe.file), probe.code);
    const spell = resolveSpell(probe.file, dir);
    let output = '';
    const started = performance.now();
    const { outcome } = await runSpell({
      spell,
      params: {},
      loaded,
      home,
      supervisor,
      onEvent: (event) => {
        if (event.type === 'output') output += event.text;
      },
    });
    const ms = Math.round(performance.now() - started);
    if (outcome.ok && output.trim() === 'ok') return pass(subject, `starts and runs (${ms} ms)`);
    return fail(subject, outcome.error?.message ?? `printed ${JSON.stringify(output)} instead of "ok"`, fix);
  } catch (error) {
    return fail(subject, (error as Error).message, fix);
  }
}
