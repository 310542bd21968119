/**
 * Workflow agent nodes naming a built-in agent (`config: { agent: summarizer }`) run it with its own
 * instructions and tools, through the real CLI against the local OpenAI-compatible server.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_AGENTS } from '../../runtime/agents/builtin-agents';
import { BUILTIN_AGENT_NAMES } from '../../runtime/contract/workflow-nodes/ai';
import { runCli, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';

const FLOWS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'flows');
const KEY = 'sk-compat-test';
const ws = tempWorkspace('llmspell-compat-flow-');
let llm: LlmServer;

beforeAll(async () => {
  llm = await startLlmServer({ apiKey: KEY });
  mkdirSync(path.join(ws.dir, 'home'), { recursive: true });
});
afterAll(async () => {
  await llm.close();
  ws.cleanup();
});

function cli(...args: string[]) {
  return runCli(args, {
    cwd: ws.dir,
    env: { MOCK_LLM: '', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: llm.url, OPENAI_MODEL: 'test-model', HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home') },
  });
}

type Body = { messages: { role: string; content: string }[]; tools?: { function: { name: string } }[] };

describe('workflow agent nodes with built-in agents', () => {
  it('the contract names exactly the host-defined built-in agents', () => {
    expect([...BUILTIN_AGENT_NAMES].sort()).toEqual(BUILTIN_AGENTS.map((a) => a.name).sort());
  });

  it('runs the summarizer by name: its system prompt and tools, calling a tool before it answers', async () => {
    llm.requests.length = 0;
    llm.enqueue({ toolCalls: [{ name: 'string_tools', arguments: '{"operation":"word_count","text":"Tides follow the moon."}' }] }, { content: 'Tides follow the moon.' });
    const result = await cli('run', path.join(FLOWS, 'summarize.workflow.yaml'), 'text=The tides rise and fall twice a day because the moon pulls the sea.');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('✓ brief (agent)');
    expect(result.stdout).toContain('Tides follow the moon.');
    const summarizer = BUILTIN_AGENTS.find((a) => a.name === 'summarizer')!;
    const first = llm.requests[0]!.body as Body;
    expect(first.messages[0]).toEqual({ role: 'system', content: summarizer.system_prompt });
    expect(first.messages[1]).toEqual({ role: 'user', content: 'Summarize in at most 5 words: The tides rise and fall twice a day because the moon pulls the sea.' });
    expect((first.tools ?? []).map((t) => t.function.name).sort()).toEqual([...summarizer.tools].sort());
    const second = llm.requests[1]!.body as Body;
    expect(second.messages.at(-1)).toMatchObject({ role: 'tool', content: '4' });
  });

  it('validate names the built-in agents when a node asks for one that does not exist', async () => {
    ws.write('bad.workflow.yaml', 'name: bad\nnodes:\n  - { id: a, type: agent, config: { agent: poet, prompt: hi } }\n');
    const result = await cli('validate', 'bad.workflow.yaml');
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('researcher, summarizer, json_extractor');
  });
});
