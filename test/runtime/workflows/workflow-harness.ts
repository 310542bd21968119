/**
 * Runs workflow text in tests: writes it into a temp folder (so nested files and spells resolve),
 * loads it with the built-in node types and runs it with the offline mock LLM (or a given one),
 * collecting every event.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkflowEvent, WorkflowOutcome } from '../../../runtime/contract/workflow-events';
import { RunBudget } from '../../../runtime/host/run-budget';
import type { Supervisor } from '../../../runtime/host/supervisor';
import { createLlmService } from '../../../runtime/llm';
import { runWorkflow, type RunWorkflowOptions } from '../../../runtime/workflows/executor/run-workflow';
import type { WorkflowHost, WorkflowLlm } from '../../../runtime/workflows/host';
import type { LlmRequest, LlmResult } from '../../../runtime/llm/types';
import { nodeTypes } from '../../../runtime/workflows/registry';
import { loadWorkflowFile } from '../../../runtime/workflows/workflow-loader';

/** A temp folder holding workflow files. */
export function workflowFolder() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'llmspell-wf-'));
  return {
    dir,
    write(name: string, text: string): string {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The budget of a test run with engines: 20 s and 64 MB for everything in it. */
export function testBudget(supervisor: Supervisor, label = 'test.workflow.yaml'): RunBudget {
  return RunBudget.root(supervisor, { timeoutMs: 20_000, memoryBytes: 64 * 2 ** 20, maxDepth: 8, maxProcesses: 16 }, label);
}

/** The default host: mock LLM, no engines, no cache. */
export function testHost(extra: Partial<WorkflowHost> = {}): WorkflowHost {
  return { llm: createLlmService(), bridges: {}, services: {}, ...extra };
}

/** Runs the workflow file `file`; resolves with the outcome and the events. */
export async function runFile(
  file: string,
  options: Partial<Omit<RunWorkflowOptions, 'host'>> & { host?: Partial<WorkflowHost> } = {},
): Promise<{ outcome: WorkflowOutcome; events: WorkflowEvent[] }> {
  const events: WorkflowEvent[] = [];
  const workflow = loadWorkflowFile(file, nodeTypes);
  const outcome = await runWorkflow(workflow, {
    inputs: {},
    registry: nodeTypes,
    ...options,
    host: testHost(options.host),
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
  });
  return { outcome, events };
}

/** Events of one type. */
export function ofType<T extends WorkflowEvent['type']>(events: WorkflowEvent[], type: T): Extract<WorkflowEvent, { type: T }>[] {
  return events.filter((e): e is Extract<WorkflowEvent, { type: T }> => e.type === type);
}

/** What the scripted LLM answers to a prompt. */
export interface ScriptedAnswer {
  text?: string;
  delayMs?: number;
  /** Throw this message instead of answering. */
  fail?: string;
}

/** An in-process LLM: answers by script, honours cancellation, and records prompts, cancels and peak concurrency. */
export function scriptedLlm(answer: (prompt: string, call: number) => ScriptedAnswer = (p) => ({ text: `re: ${p}` })) {
  const record = { calls: [] as string[], aborted: [] as string[], active: 0, peak: 0 };
  const chat = async (request: LlmRequest, signal?: AbortSignal): Promise<LlmResult> => {
    const prompt = request.messages.at(-1)?.content ?? '';
    const script = answer(prompt, record.calls.push(prompt));
    record.active++;
    record.peak = Math.max(record.peak, record.active);
    try {
      if (script.delayMs) {
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => {
            clearTimeout(timer);
            record.aborted.push(prompt);
            reject(new Error('cancelled'));
          };
          const timer = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), script.delayMs);
          signal?.addEventListener('abort', onAbort, { once: true });
        });
      }
      if (script.fail) throw new Error(script.fail);
      const text = script.text ?? `re: ${prompt}`;
      return { content: text, toolCalls: [], usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 }, provider: 'scripted', model: 'scripted', finishReason: 'stop' };
    } finally {
      record.active--;
    }
  };
  const llm: WorkflowLlm = { chat, stream: async (request, onChunk, signal) => chat(request, signal).then((r) => (onChunk(r.content), r)) };
  return Object.assign(record, { llm });
}
