/**
 * Workflow engine benchmark driver (bundled by bench/workflows.mjs into dist/). Measures:
 * (1) a fan-out of N llm nodes into one merge, against the local OpenAI-compatible server (its own
 *     process) at 50 ms latency with concurrency 100, beside the same N calls made directly with the
 *     openai SDK at the same concurrency (the reference) and the ideal (N / 100 × 50 ms);
 * (2) the engine's own cost per node: the same fan-out with an LLM that answers at once, without and
 *     with the disk cache writing every result (as the CLI does; (1) always writes it).
 * Prints one JSON line.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import OpenAI from 'openai';
import { loadConfig } from '../runtime/config';
import type { LlmRequest, LlmResult } from '../runtime/llm/types';
import { createRunServices } from '../runtime/services/run-services';
import { NodeCache } from '../runtime/workflows/cache/node-cache';
import { runWorkflow } from '../runtime/workflows/executor/run-workflow';
import type { WorkflowHost, WorkflowLlm } from '../runtime/workflows/host';
import { nodeTypes } from '../runtime/workflows/registry';
import { checkWorkflowText } from '../runtime/workflows/workflow-loader';

const NODES = Number(process.env.BENCH_NODES ?? 1000);
const CONCURRENCY = 100;
const LATENCY_MS = 50;

/** A fan-out: N llm nodes (each its own prompt), all into one merge, then the output. */
function fanOut(nodes: number, file: string) {
  const ids = Array.from({ length: nodes }, (_, i) => `ask${i}`);
  const doc = {
    name: 'bench-fan-out',
    inputs: { topic: { type: 'string', default: 'tides' } },
    nodes: [
      ...ids.map((id, i) => ({ id, type: 'llm', config: { prompt: `Question ${i} about {{topic}}`, stream: false } })),
      { id: 'all', type: 'merge', config: { mode: 'list' } },
      { id: 'answers', type: 'output', config: { name: 'answers' } },
    ],
    edges: [...ids.map((id) => ({ from: id, to: 'all' })), { from: 'all', to: 'answers' }],
  };
  const checked = checkWorkflowText(JSON.stringify(doc), file, nodeTypes);
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join('\n'));
  return checked.workflow;
}

async function timed(host: WorkflowHost, nodes: number, file: string): Promise<number> {
  const workflow = fanOut(nodes, file);
  const t0 = performance.now();
  const outcome = await runWorkflow(workflow, { inputs: {}, host, registry: nodeTypes, concurrency: CONCURRENCY, onEvent: () => {} });
  const ms = performance.now() - t0;
  if (!outcome.ok) throw new Error(outcome.error?.message);
  if ((outcome.outputs.answers as unknown[]).length !== nodes) throw new Error('answers missing');
  return ms;
}

const child = spawn(process.execPath, [path.join(path.dirname(new URL(import.meta.url).pathname), 'bench-workflows-server.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
const nextLine = async () => String((await lines.next()).value ?? '');
const url = await nextLine();
const home = mkdtempSync(path.join(os.tmpdir(), 'llmspell-bench-wf-'));
try {
  child.stdin!.write(`latency ${LATENCY_MS}\n`);
  await nextLine();
  const cache = () => new NodeCache(mkdtempSync(path.join(home, 'cache-')));
  const loaded = loadConfig({ cwd: home, env: { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: url }, home });
  const services = createRunServices(loaded, { home, notice: () => {}, storageOwner: { name: 'bench' } });
  const llm = services.services.llm as WorkflowLlm;
  const host = (extra: Partial<WorkflowHost>): WorkflowHost => ({ llm, bridges: services.bridges, services: services.services, ...extra });
  const file = path.join(home, 'bench.workflow.json');

  // Reference: the same calls straight through the openai SDK, 100 at a time.
  const client = new OpenAI({ apiKey: 'sk-bench', baseURL: url, maxRetries: 0 });
  const direct = async (n: number) => {
    let next = 0;
    const t0 = performance.now();
    const worker = async () => {
      while (next < n) {
        const i = next++;
        await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: `Question ${i} about tides` }] });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return performance.now() - t0;
  };

  await direct(200); // warm-up: connections, JIT
  await timed(host({ cache: cache() }), 200, file);
  const directMs = await direct(NODES);
  const fanOutMs = await timed(host({ cache: cache() }), NODES, file);

  // Engine cost per node: an LLM that answers at once, so only scheduling, templates, events and cache remain.
  const instant: WorkflowLlm = {
    chat: async (request: LlmRequest): Promise<LlmResult> => ({
      content: `answer to ${request.messages[0]?.content ?? ''}`,
      toolCalls: [],
      usage: { promptTokens: 5, completionTokens: 5, totalTokens: 10 },
      provider: 'instant',
      model: 'instant',
      finishReason: 'stop',
    }),
    stream: async (request, onChunk) => {
      onChunk('answer');
      return instant.chat(request);
    },
  };
  const perNode = async (withCache: boolean) => {
    await timed(host({ llm: instant, ...(withCache ? { cache: cache() } : {}) }), NODES, file);
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) runs.push(await timed(host({ llm: instant, ...(withCache ? { cache: cache() } : {}) }), NODES, file));
    return [...runs].sort((a, b) => a - b)[2]! / (NODES + 2);
  };
  const overheadMs = await perNode(false);
  const overheadCachedMs = await perNode(true);

  console.log(JSON.stringify({ nodes: NODES, concurrency: CONCURRENCY, latencyMs: LATENCY_MS, fanOutMs, directMs, idealMs: (NODES / CONCURRENCY) * LATENCY_MS, overheadMs, overheadCachedMs }));
} finally {
  child.stdin!.end();
  await once(child, 'exit');
  rmSync(home, { recursive: true, force: true });
}
