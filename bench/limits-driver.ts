/**
 * What the limits cost on the happy path (issue 12): the same small spells through the real run path
 * (config → effective limits → run budget → supervisor → engine process), with the default limits plus
 * a CPU limit (so every watch runs: wall time, memory, CPU) against limits as high as the config allows
 * and no CPU limit. Runs alternate A B B A so drift on a shared machine falls on both. The opt-in
 * instruction budget is not part of the defaults and is not measured here; the wasm heap cap and the
 * schema-check worker cannot be switched off, so they are in both columns.
 * Prints one JSON line: per spell, the wall and CPU times (this process and the engine processes) of
 * each mode in ms.
 * Usage: `node limits.js <pairs>`; with BENCH_AA=1 both sides run with the limits (an A/A control: the
 * ratios it prints are the machine's noise floor).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type LoadedConfig } from '../runtime/config';
import { Supervisor } from '../runtime/host/supervisor';
import { runSpell } from '../runtime/services/run-spell';
import { prepareRun } from '../runtime/spells/prepare-run';

const pairs = Number(process.argv[2] ?? '4');
const root = path.resolve(path.dirname(process.argv[1] ?? '.'), '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'llmspell-bench-limits-'));
const home = path.join(dir, 'home');
mkdirSync(home);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const workload = (name: string) => readFileSync(path.join(root, 'bench', 'workloads', `${name}.lua`), 'utf8');
// Each part in its own function so their locals do not collide.
const mix = ['closures', 'oop'].map((name) => `do\n${workload(name)}\nend\n`).join('');
const validate = `tools.register("typed", "bench", { type = "object", required = { "id", "mail" }, properties = {
  id = { type = "string", pattern = "^[a-z]{2}-[0-9]{4}$" },
  mail = { type = "string", pattern = "^[^@ ]+@[a-z0-9.-]+\\\\.[a-z]{2,}$" } } }, function(p) return p.id end)
local good, bad = 0, 0
for i = 1, 150 do
  local ok = tools.validate("typed", { id = string.format("ab-%04d", i), mail = "user" .. i .. "@example.org" })
  if ok then good = good + 1 end
  if not tools.validate("typed", { id = "nope", mail = "x" }) then bad = bad + 1 end
end
assert(good == 150 and bad == 150, good .. " " .. bad)
print(good, bad)
`;
const flow = `name: transforms
inputs:
  n: { type: integer, default: 1 }
nodes:
  - { id: double, type: transform, config: { expression: "n * 2" } }
  - { id: square, type: transform, config: { expression: "n * n" } }
  - { id: label, type: transform, config: { template: "n is {{n}}" } }
  - { id: sum, type: transform, config: { expression: "a + b" } }
edges:
  - { from: double, to: sum.a }
  - { from: square, to: sum.b }
`;
const runsFlow = `local wf = assert(workflow.load(${JSON.stringify(path.join(dir, "transforms.workflow.yaml"))}))
local total = 0
for i = 1, 30 do
  local out, err = wf:run({ n = i })
  if not out then error(err, 0) end
  total = total + out.sum
end
print(total)
`;
writeFileSync(path.join(dir, 'mix.lua'), mix);
writeFileSync(path.join(dir, 'validate.lua'), validate);
writeFileSync(path.join(dir, 'transforms.workflow.yaml'), flow);
writeFileSync(path.join(dir, 'workflow.lua'), runsFlow);
const SPELLS = [
  ['mix', 'Lua CPU mix (closures, oop)'],
  ['validate', 'tools.validate × 300 on a schema with patterns'],
  ['workflow', 'workflow of 4 transform nodes × 30 runs'],
] as const;

const env = { LLMSPELL_HOME: home, HOME: dir, MOCK_LLM: 'true' };
const MODES = {
  // The defaults, and a CPU limit so that its watch runs too.
  limits: loadConfig({ cwd: dir, env, flags: { cpu: 300 } }),
  // As high as the config allows, no CPU limit (BENCH_AA: the same as `limits`, for the noise floor).
  high: loadConfig({ cwd: dir, env, flags: process.env.BENCH_AA ? { cpu: 300 } : { timeout: 86_400, memory: 4096 } }),
} satisfies Record<string, LoadedConfig>;

const supervisor = new Supervisor({ poolSize: 1 });
/**
 * CPU milliseconds of this process and of its children already reaped (an engine process is reaped
 * when its run ends): the cost of a run on any machine, where wall time on a shared one is noise.
 */
function cpuMs(): number {
  const rest = readFileSync('/proc/self/stat', 'utf8').split(') ').at(-1)!.split(' ');
  // utime stime cutime cstime are fields 14..17, rest[11..14], in clock ticks (100 per second).
  return (Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14])) * 10;
}

async function once(spellFile: string, loaded: LoadedConfig): Promise<{ wall: number; cpu: number }> {
  await supervisor.ready();
  await sleep(150); // let the fresh process settle, as every run finds it in the studio
  const { spell, params } = prepareRun(spellFile, { cwd: dir });
  const t0 = performance.now();
  const c0 = cpuMs();
  const { outcome } = await runSpell({ spell, params, loaded, home, supervisor });
  const cpu = cpuMs() - c0;
  const wall = performance.now() - t0;
  if (!outcome.ok) throw new Error(`${spellFile}: ${outcome.error?.message}`);
  return { wall, cpu };
}

type Sample = { wall: number; cpu: number };
const results: Record<string, { title: string; limits: Sample[]; high: Sample[] }> = {};
try {
  for (const [name, title] of SPELLS) {
    const file = path.join(dir, `${name}.lua`);
    await once(file, MODES.high); // warm-up, not counted
    const r = { title, limits: [] as Sample[], high: [] as Sample[] };
    for (let i = 0; i < pairs; i++) {
      const order = i % 2 === 0 ? (['limits', 'high'] as const) : (['high', 'limits'] as const);
      for (const mode of order) r[mode].push(await once(file, MODES[mode]));
    }
    results[name] = r;
  }
} finally {
  await supervisor.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(results));
