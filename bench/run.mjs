#!/usr/bin/env node
// `npm run bench`: every benchmark, each against a reference measured in the same run (native lua5.4,
// plain Node/V8, direct SDK calls, the ideal time). Targets are printed as PASS/MISS beside each
// number, never asserted: this exits 0 unless something crashes.
import { buildDrivers } from './build-drivers.mjs';
import { cpuSuite } from './cpu-suite.mjs';
import { startLatency } from './start-latency.mjs';
import { llmBench } from './llm-bench.mjs';
import { benchJs } from './js-cpu.mjs';
import { benchTengo } from './tengo-cpu.mjs';
import { benchLibraryLines } from './library.mjs';
import { benchWorkflows } from './workflows.mjs';
import { benchStudio } from './studio.mjs';
import { benchRenderer } from './renderer.mjs';
import { benchCanvas } from './canvas.mjs';
import { benchBatch } from './batch.mjs';
import { benchConsole, benchTrace } from './renderer-console.mjs';
import { benchLimits } from './limits.mjs';

const started = performance.now();
const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);
const section = async (name, title, fn) => {
  if (!wanted(name)) return;
  if (title) console.log(`\n${title}`);
  for (const line of (await fn()) ?? []) console.log(line);
};

const drivers = await buildDrivers();
await section('lua', '', () => cpuSuite(drivers));
await section('start', '', () => startLatency(drivers));
await section('llm', '', () => llmBench(drivers));
await section('js', 'JavaScript CPU suite (QuickJS against V8 in this process)', benchJs);
await section('tengo', '', benchTengo);
await section('library', 'Spell library (10,000 spells)', benchLibraryLines);
await section('workflows', 'Workflow engine', benchWorkflows);
await section('studio', 'Studio (run start from a WebSocket request)', benchStudio);
await section('renderer', 'Renderer (Chromium)', benchRenderer);
await section('canvas', 'Workflow canvas (Chromium)', benchCanvas);
await section('limits', '', benchLimits);
await section('batch', 'Batch runs (llmspell batch: embedded queue and BullMQ workers)', benchBatch);
await section('console', 'Studio console and history (Chromium)', benchConsole);
// the trace alone, on request (`console` measures it too)
if (only.includes('trace')) await section('trace', 'Studio run trace (Chromium)', benchTrace);
console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(1)} s (sections: ${only.join(', ') || 'all'}; run e.g. \`npm run bench -- lua js\` for some)`);
