import core from './1-core.js?raw';
import scheduler from './2-scheduler.js?raw';
import basics from './3-basics.js?raw';
import llm from './4-llm.js?raw';
import tools from './5-tools.js?raw';
import agents from './6-agents.js?raw';
import io from './7-io.js?raw';
import testing from './8-testing.js?raw';
import entry from './9-entry.js?raw';

/** File name the prelude's stack frames carry (never the spell's). */
export const PRELUDE_FILE = 'llmspell:prelude';

/**
 * The JavaScript side of the engine: one function expression, evaluated once per VM before any spell
 * code, then called with the host functions and the argument specs (JSON). It installs the globals and
 * returns `{ setParams, enableTesting, start, tick, status }` to js-engine.ts, which keeps them out of
 * the spell's reach. Its parts (the numbered .js files here, type-checked together as scripts by
 * ./tsconfig.json) share the function's scope, in the order of their numbers.
 */
export const JS_PRELUDE = [
  '(function (host, specsJson, agentsJson) {',
  "'use strict';",
  core,
  scheduler,
  basics,
  llm,
  tools,
  agents,
  io,
  testing,
  entry,
  'return { setParams: setParams, enableTesting: enableTesting, start: start, tick: tick, status: status };',
  '})',
].join('\n');
