// CPU time Chromium spends while a piece of a benchmark runs, from a trace's thread clocks: unlike
// wall-clock frame rates, it hardly moves when other work shares the machine's cores, so it shows
// whether a change made the page cheaper even when the frame rate is drowned in noise.

/** Runs `fn` while tracing `page`; returns its result and the CPU ms of the renderer's main thread and of all Chromium threads. */
export async function withChromiumCpu(browser, page, fn) {
  await browser.startTracing(page, { categories: ['toplevel'] });
  let result;
  let failure;
  try {
    result = await fn();
  } catch (error) {
    failure = error;
  }
  const trace = await browser.stopTracing();
  if (failure) throw failure;
  return { result, ...cpuOf(JSON.parse(trace.toString()).traceEvents) };
}

/** Sums the thread time of top-level tasks (nested ones are inside their parent's time). */
function cpuOf(events) {
  const names = new Map();
  const byThread = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'M' && e.name === 'thread_name') names.set(key, e.args.name);
    if (e.ph !== 'X' || e.tdur === undefined) continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  let mainMs = 0;
  let allMs = 0;
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let end = -Infinity;
    let ms = 0;
    for (const e of list) {
      if (e.ts < end) continue; // nested in the task before it
      end = e.ts + e.dur;
      ms += e.tdur / 1000;
    }
    allMs += ms;
    if (names.get(key) === 'CrRendererMain') mainMs += ms;
  }
  return { mainMs, allMs };
}
