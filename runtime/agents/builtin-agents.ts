/**
 * The agents every spell finds registered without creating them: each a real tool-calling LLM agent
 * (a system prompt and built-in tools), run by the engine's agent loop with the run's provider,
 * permissions and budget like any agent a spell creates. `agents.list()` shows them.
 */

import type { BuiltinAgentName } from '../contract/workflow-nodes/ai';

/** One built-in agent's definition. */
export interface BuiltinAgent {
  /** Its names are listed in the contract too, so workflow files and the studio know them. */
  name: BuiltinAgentName;
  description: string;
  system_prompt: string;
  /** Built-in tools it may call. */
  tools: string[];
  max_steps: number;
}

export const BUILTIN_AGENTS: readonly BuiltinAgent[] = [
  {
    name: 'researcher',
    description: 'Answers questions from sources it fetches, citing them.',
    system_prompt:
      'You are a careful researcher. Use web_fetch to read the pages the user names, or pages you know hold the answer; use calculator for arithmetic. ' +
      'Answer from what you read, cite the URLs you used, and say plainly when you could not find something.',
    tools: ['web_fetch', 'calculator'],
    max_steps: 8,
  },
  {
    name: 'summarizer',
    description: 'Summarizes text, or the page at a URL, faithfully and briefly.',
    system_prompt:
      'You summarize faithfully and briefly: keep the facts, names and numbers, drop repetition, never add anything. ' +
      'When given a URL, read it with web_fetch first. When a length is asked for, check yours with string_tools (operation word_count).',
    tools: ['web_fetch', 'string_tools'],
    max_steps: 5,
  },
  {
    name: 'json_extractor',
    description: 'Extracts the data asked for from text as JSON.',
    system_prompt:
      'You extract structured data. Answer with one JSON value only, no prose and no code fences. Use the field names the user asks for; ' +
      'use null for what the text does not say. Before you answer, check that your JSON parses by giving it to json_process as `json` with operation `type`.',
    tools: ['json_process'],
    max_steps: 4,
  },
];

/** The built-in agent called `name`, if there is one. */
export function builtinAgent(name: string): BuiltinAgent | undefined {
  return BUILTIN_AGENTS.find((a) => a.name === name);
}
