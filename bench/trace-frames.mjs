// Long frames of a Chrome trace, split into what the page's main thread did and the time it simply
// did not run: for each gap between animation frames over `overMs`, the wall time of the main
// thread's tasks in it, their thread (CPU) time, and the events that took longest. A gap whose
// tasks used little CPU is a page starved of CPU (descheduled), not a busy one.

const TASK = 'ThreadControllerImpl::RunTask';

/** Report lines for the long frames of `events` (trace events with `tts`/`tdur` thread times). */
export function longFrames(events, overMs = 50) {
  const rafs = events.filter((e) => e.name === 'FireAnimationFrame' && e.ph === 'X');
  if (!rafs.length) return ['no animation frames in the trace'];
  const thread = `${rafs[0].pid}:${rafs[0].tid}`;
  const main = events.filter((e) => `${e.pid}:${e.tid}` === thread && e.ph === 'X' && e.dur);
  const frames = [...new Set(main.filter((e) => e.name === 'FireAnimationFrame').map((e) => e.ts))].sort((a, b) => a - b);
  const tasks = main.filter((e) => e.name === TASK);
  const lines = [];
  let cpuTotal = 0;
  let wallTotal = 0;
  for (let i = 1; i < frames.length; i++) {
    const [a, b] = [frames[i - 1], frames[i]];
    if (b - a <= overMs * 1000) continue;
    let wall = 0;
    let cpu = 0;
    for (const t of tasks) {
      const overlap = Math.min(b, t.ts + t.dur) - Math.max(a, t.ts);
      if (overlap <= 0) continue;
      wall += overlap;
      cpu += ((t.tdur ?? 0) * overlap) / t.dur;
    }
    const names = new Map();
    for (const e of main) if (e.ts >= a && e.ts < b && e.name !== TASK && e.name !== 'RunTask') names.set(e.name, Math.max(names.get(e.name) ?? 0, e.dur));
    const top = [...names].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([n, d]) => `${n} ${(d / 1000).toFixed(1)}`);
    cpuTotal += cpu;
    wallTotal += b - a;
    lines.push(`long frame ${((b - a) / 1000).toFixed(1)} ms: main-thread tasks ${(wall / 1000).toFixed(1)} ms wall, ${(cpu / 1000).toFixed(1)} ms CPU (longest events: ${top.join(', ')})`);
  }
  lines.unshift(`${frames.length} frames; ${lines.length} over ${overMs} ms, ${(wallTotal / 1000).toFixed(0)} ms long in all, of which the page's main thread ran ${(cpuTotal / 1000).toFixed(0)} ms of CPU`);
  return lines;
}
