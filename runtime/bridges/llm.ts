/**
 * The `llm` bridge, host side: `llm.chat`, `llm.stream`, `llm.chat_json`, model and provider
 * selection, and `llm.tool_chat` for agents. Keys stay in the host; spells only see answers.
 */
import { z } from 'zod';
import { jsonInstruction, parseJsonAnswer } from '../llm/json-answer';
import { SchemaCheckTimeout, schemaChecks } from '../tools/schema-checks';
import { LlmError } from '../llm/llm-error';
import type { LlmProviderInfo, LlmRequest, LlmResult } from '../llm/types';
import { ErrorCode } from '../contract/error-codes';
import { BridgeError, type BridgeCallContext, type BridgeHandlers } from './types';

/** What the llm bridge needs from `ctx.services.llm` (`LlmService` implements it). */
export interface LlmBridgeService {
  chat(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult>;
  stream(request: LlmRequest, onChunk: (text: string) => void, signal?: AbortSignal): Promise<LlmResult>;
  listModels(signal?: AbortSignal): Promise<string[]>;
  listProviders(): LlmProviderInfo[];
  currentProvider(): { name: string; model: string };
  setProvider(name: string, model?: string): void;
}

/** The run's LLM service; a `BridgeError` when the run has none. */
export function getLlm(ctx: BridgeCallContext): LlmBridgeService {
  const llm = ctx.services.llm as LlmBridgeService | undefined;
  if (!llm || typeof llm.chat !== 'function') throw new BridgeError('the LLM service is not available in this run', 'llm_unavailable');
  return llm;
}

const Role = z.enum(['system', 'user', 'assistant', 'tool']);
const Message = z.strictObject({ role: Role, content: z.string() });
/** A prompt string, or a list of `{role, content}` messages. */
const Messages = z.union([z.string().transform((content) => [{ role: 'user' as const, content }]), z.array(Message).min(1)]);
const Opts = z
  .strictObject({
    model: z.string().min(1).optional(),
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.number().int().positive().optional(),
    system: z.string().optional(),
  })
  .nullish();
const JsonSchema = z.record(z.string(), z.unknown());
const ToolCall = z.strictObject({ id: z.string(), name: z.string(), arguments: z.string() });
const ToolRequest = z.strictObject({
  messages: z.array(
    z.strictObject({
      role: Role,
      content: z.string().nullish().transform((c) => c ?? ''),
      tool_calls: z.array(ToolCall).optional(),
      tool_call_id: z.string().optional(),
    }),
  ),
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
  system: z.string().optional(),
  tools: z.array(z.strictObject({ name: z.string().min(1), description: z.string().optional(), parameters: JsonSchema.optional() })).optional(),
  responseFormat: z.literal('json').optional(),
});

/** Parses one argument, or throws a `BridgeError` naming the method, the argument and the field. */
function arg<T extends z.ZodType>(method: string, args: unknown[], index: number, name: string, schema: T): z.output<T> {
  const parsed = schema.safeParse(args[index] ?? undefined);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at '${issue.path.join('.')}'` : '';
  throw new BridgeError(`${method}: bad argument #${index + 1} (${name})${where}: ${issue?.message ?? 'invalid'}`, 'bad_argument');
}

function toRequest(messages: z.output<typeof Messages>, opts: z.output<typeof Opts>): LlmRequest {
  return { messages, model: opts?.model, temperature: opts?.temperature, maxTokens: opts?.max_tokens, system: opts?.system };
}

/** Runs an LLM call; `LlmError`s become `BridgeError`s with the same (key-free) message. */
async function llmCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof LlmError) throw new BridgeError(err.message, err.kind === 'cost' ? ErrorCode.CostLimit : `llm_${err.kind}`);
    throw err;
  }
}

/** Handlers of the `llm` bridge, keyed by method name. */
export const llmHandlers: BridgeHandlers = {
  /** `llm.chat(messages, opts?)` → the answer text. */
  'llm.chat': async (args, ctx) => {
    const request = toRequest(arg('llm.chat', args, 0, 'messages', Messages), arg('llm.chat', args, 1, 'opts', Opts));
    return llmCall(async () => (await getLlm(ctx).chat(request, ctx.signal)).content);
  },

  /** `llm.stream(messages, opts?)`: emits each chunk, returns the whole text. */
  'llm.stream': async (args, ctx) => {
    const request = toRequest(arg('llm.stream', args, 0, 'messages', Messages), arg('llm.stream', args, 1, 'opts', Opts));
    return llmCall(async () => (await getLlm(ctx).stream(request, (text) => ctx.emit(text), ctx.signal)).content);
  },

  /** `llm.chat_json(messages, schema, opts?)` → the parsed answer, validated against the JSON schema. */
  'llm.chat_json': async (args, ctx) => {
    const messages = arg('llm.chat_json', args, 0, 'messages', Messages);
    const schema = arg('llm.chat_json', args, 1, 'schema', JsonSchema);
    const request = toRequest(messages, arg('llm.chat_json', args, 2, 'opts', Opts));
    // Compiled and checked in a worker with a deadline: the schema is the spell's, never run on the host's loop.
    try {
      await schemaChecks.compileAnswer(schema, { signal: ctx.signal }); // before the call: a bad schema should not cost a request
    } catch (err) {
      if (err instanceof SchemaCheckTimeout) throw new BridgeError(`llm.chat_json: ${err.message}`, ErrorCode.SchemaTimeout);
      throw new BridgeError(`llm.chat_json: bad argument #2 (schema): ${(err as Error).message}`, 'bad_argument');
    }
    const system = [request.system, jsonInstruction(schema)].filter(Boolean).join('\n\n');
    const answer = await llmCall(() => getLlm(ctx).chat({ ...request, system, responseFormat: 'json', jsonSchema: schema }, ctx.signal));
    let value: unknown;
    try {
      value = parseJsonAnswer(answer.content);
    } catch (err) {
      throw new BridgeError(`llm.chat_json: ${(err as Error).message}`, 'llm_bad_json');
    }
    let problem: string | undefined;
    try {
      problem = await schemaChecks.checkAnswer(schema, value, { signal: ctx.signal });
    } catch (err) {
      if (err instanceof SchemaCheckTimeout) throw new BridgeError(`llm.chat_json: ${err.message}`, ErrorCode.SchemaTimeout);
      throw err;
    }
    if (problem) throw new BridgeError(`llm.chat_json: the answer does not match the schema: ${problem}`, 'llm_schema_mismatch');
    return value;
  },

  /** `llm.list_models()` → model ids of the current provider. */
  'llm.list_models': async (_args, ctx) => llmCall(() => getLlm(ctx).listModels(ctx.signal)),

  /** `llm.list_providers()` → `{name, kind, model, available, current}[]`, never keys. */
  'llm.list_providers': async (_args, ctx) => getLlm(ctx).listProviders(),

  /** `llm.get_provider()` → `{name, model}` of the current provider. */
  'llm.get_provider': async (_args, ctx) => getLlm(ctx).currentProvider(),

  /** `llm.set_provider(name, model?)` → `{name, model}` now current; error for an unknown/unconfigured one. */
  'llm.set_provider': async (args, ctx) => {
    const name = arg('llm.set_provider', args, 0, 'name', z.string().min(1));
    const model = arg('llm.set_provider', args, 1, 'model', z.string().min(1).nullish());
    const llm = getLlm(ctx);
    await llmCall(async () => llm.setProvider(name, model ?? undefined));
    return llm.currentProvider();
  },

  /** `llm.tool_stream(request)`: as tool_chat, emitting answer text chunks as they arrive (agents.stream). */
  'llm.tool_stream': async (args, ctx) => {
    const request = arg('llm.tool_stream', args, 0, 'request', ToolRequest);
    return llmCall(() => getLlm(ctx).stream(request, (text) => ctx.emit(text), ctx.signal));
  },

  /** `llm.tool_chat(request)` → `{content, toolCalls, usage, provider, model, finishReason}` (for agents). */
  'llm.tool_chat': async (args, ctx) => {
    const request = arg('llm.tool_chat', args, 0, 'request', ToolRequest);
    return llmCall(() => getLlm(ctx).chat(request, ctx.signal));
  },
};
