#!/usr/bin/env node
// `npm run bench`: the Lua CPU suite against native lua5.4, run start latency, the LLM bridge's
// overhead, and the JS CPU suite against plain Node (V8). Targets are
// printed as PASS/MISS beside each number, never asserted: this exits 0 unless something crashes.
import { buildDrivers } from './build-drivers.mjs';
import { cpuSuite } from './cpu-suite.mjs';
import { startLatency } from './start-latency.mjs';
import { llmBench } from './llm-bench.mjs';
import { benchJs } from './js-cpu.mjs';

const started = performance.now();
const drivers = await buildDrivers();
await cpuSuite(drivers);
await startLatency(drivers);
await llmBench(drivers);
console.log('');
for (const line of await benchJs()) console.log(line);
console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
