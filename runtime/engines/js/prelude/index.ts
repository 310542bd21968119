import { JS_AGENTS } from './agents';
import { JS_BASICS } from './basics';
import { JS_CORE } from './core';
import { JS_ENTRY } from './entry';
import { JS_IO } from './io';
import { JS_LLM } from './llm';
import { JS_SCHEDULER } from './scheduler';
import { JS_TESTING } from './testing';
import { JS_TOOLS } from './tools';

/** File name the prelude's stack frames carry (never the spell's). */
export const PRELUDE_FILE = 'llmspell:prelude';

/**
 * The JavaScript side of the engine: one function expression, evaluated once per VM before any spell
 * code, then called with the host functions and the argument specs (JSON). It installs the globals and
 * returns `{ setParams, enableTesting, start, tick, status }` to js-engine.ts, which keeps them out of the spell's reach. Its
 * parts share the function's scope, in this order.
 */
export const JS_PRELUDE = [
  '(function (host, specsJson) {',
  "'use strict';",
  JS_CORE,
  JS_SCHEDULER,
  JS_BASICS,
  JS_LLM,
  JS_TOOLS,
  JS_AGENTS,
  JS_IO,
  JS_TESTING,
  JS_ENTRY,
  '})',
].join('\n');
