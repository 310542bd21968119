// The Lua CPU suite: each workload under native lua5.4 and under our engine, in the same bench run.
import path from 'node:path';
import { root } from './build-drivers.mjs';
import { geomean, median, ms, ratio, run, verdict } from './stats.mjs';

const WORKLOADS = [
  ['fib', 'fib(31) recursion'],
  ['strings', 'strings: format/concat/gsub/find'],
  ['sort', 'table.insert + sort (±comparator)'],
  ['closures', 'closures + upvalues'],
  ['oop', 'metatables + method calls'],
];
const REPS = 7;
export const WARM_TARGET = 1.5;

/** `lua5.4 -v`, or undefined when the command is missing. */
async function nativeVersion() {
  try {
    return (await run('lua5.4', ['-v'])).trim().split(/\s+/).slice(0, 2).join(' ');
  } catch {
    return undefined;
  }
}

async function timeNative(file) {
  const stdout = await run('lua5.4', [path.join(root, 'bench', 'native-timer.lua'), file, String(REPS)]);
  const times = [...stdout.matchAll(/^ms (\S+)$/gm)].map((m) => Number(m[1]));
  const output = (stdout.match(/^out (.*)$/m)?.[1] ?? '').replaceAll('\\n', '\n');
  return { ms: median(times), output };
}

async function timeOurs(driver, file) {
  const result = JSON.parse(await run(process.execPath, [driver, file, String(REPS)]));
  return { cold: result.coldMs, warm: median(result.warmMs), bare: median(result.bareMs), output: result.output, createMs: result.firstCreateMs };
}

export async function cpuSuite(drivers) {
  const native = await nativeVersion();
  console.log(`Lua CPU suite: warm = median of ${REPS} runs, each on a fresh LuaEngine; cold = the first run in a fresh process`);
  console.log(`(its VM booted first, as in a pooled engine process). Time = compile + run; process start excluded.`);
  console.log(native ? `native = ${native} (os.clock around load + run, median of ${REPS}); bare = wasmoon without our sandbox layer.` : 'lua5.4 is not installed (apt-get install lua5.4): native ratios skipped.');
  const head = ['workload', 'native', 'ours warm', 'ours cold', 'bare wasm', 'warm/native', 'cold/native', 'warm/bare'];
  const widths = [34, 9, 10, 10, 10, 17, 12, 10];
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ');
  console.log(`\n${line(head)}`);
  const warmRatios = [];
  const coldRatios = [];
  const layerRatios = [];
  const notes = [];
  for (const [name, label] of WORKLOADS) {
    const file = path.join(root, 'bench', 'workloads', `${name}.lua`);
    const ours = await timeOurs(drivers.luaCpu, file);
    const ref = native ? await timeNative(file) : undefined;
    if (ref && ref.output !== ours.output) notes.push(`${name}: output differs (native ${JSON.stringify(ref.output)}, ours ${JSON.stringify(ours.output)})`);
    const warmRatio = ref && ours.warm / ref.ms;
    const coldRatio = ref && ours.cold / ref.ms;
    if (ref) warmRatios.push(warmRatio), coldRatios.push(coldRatio);
    layerRatios.push(ours.warm / ours.bare);
    console.log(
      line([
        label,
        ref ? ms(ref.ms) : '-',
        ms(ours.warm),
        ms(ours.cold),
        ms(ours.bare),
        ref ? `${ratio(warmRatio)} ${verdict(warmRatio, WARM_TARGET)}` : '-',
        ref ? ratio(coldRatio) : '-',
        ratio(ours.warm / ours.bare),
      ]),
    );
  }
  if (native) {
    const warm = geomean(warmRatios);
    console.log(line(['geometric mean', '', '', '', '', `${ratio(warm)} ${verdict(warm, WARM_TARGET)}`, ratio(geomean(coldRatios)), ratio(geomean(layerRatios))]));
    console.log(`target: warm ≤ ${WARM_TARGET}x native → ${verdict(warm, WARM_TARGET)} (${ratio(warm)}); cold ${ratio(geomean(coldRatios))} (no target, reported)`);
  }
  for (const note of notes) console.log(`note: ${note}`);
}
