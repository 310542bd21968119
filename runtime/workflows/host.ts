/**
 * The capabilities a workflow run uses, passed in by whoever starts it (the CLI, the `workflow`
 * bridge, the studio, tests): the LLM service, the run's bridges and services for engine runs and
 * tools, the run budget its engine processes come from, a human-input provider and the result cache.
 */
import type { BridgeHandlers, RunServices } from '../bridges/types';
import type { LogLevel } from '../contract/engine-protocol';
import type { HumanInputRequest } from '../contract/workflow-events';
import type { RunBudget } from '../host/run-budget';
import type { LlmRequest, LlmResult } from '../llm/types';
import type { NodeCache } from './cache/node-cache';

/** The part of the LLM service workflows use (`LlmService` implements it). */
export interface WorkflowLlm {
  chat(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult>;
  stream(request: LlmRequest, onChunk: (text: string) => void, signal?: AbortSignal): Promise<LlmResult>;
}

/**
 * Answers `human` nodes. The CLI prompts on the terminal; the studio shows a form for the request
 * (from the `input-requested` event) and resolves with what the user typed. Rejects when cancelled.
 */
export interface HumanInput {
  ask(request: HumanInputRequest, signal: AbortSignal): Promise<string>;
}

/** Capabilities of one workflow run. */
export interface WorkflowHost {
  /** Absent: llm, agent and classifying condition nodes fail with a clear error. */
  llm?: WorkflowLlm;
  /** Bridge handlers for the engine runs of spell and script nodes. */
  bridges: BridgeHandlers;
  /** Services of the run (storage jail, network policy, ...), for tools and engine runs. */
  services: RunServices;
  /**
   * Where spell and script nodes get engine processes: the budget of the run this workflow belongs
   * to (its time, memory, process count and nesting depth); absent: those nodes fail clearly.
   */
  budget?: RunBudget;
  logLevel?: LogLevel;
  human?: HumanInput;
  /** Results cache; absent: nothing is cached. */
  cache?: NodeCache;
}
