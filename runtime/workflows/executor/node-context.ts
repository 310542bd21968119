/**
 * Builds the context one node attempt runs with: its inputs and scope, a signal, the LLM service
 * wrapped to count tokens and stream token events, and ways to run bodies and nested workflows.
 */
import type { TokenCount } from '../../contract/workflow-events';
import type { CompiledNode } from '../graph/compiled-graph';
import type { WorkflowLlm } from '../host';
import type { NodeContext, NodeEmit } from '../node-types';
import { addTokens, type Frame } from './frame';
import { breathe } from '../util/breathe';
import { runBody, runNestedFile } from './run-nested';

/** What the attempt needs besides the frame. */
export interface AttemptInput {
  node: CompiledNode;
  id: string;
  inputs: Record<string, unknown>;
  signal: AbortSignal;
  tokens: TokenCount;
}

/** The context of one attempt of `node`. */
export function nodeContext(frame: Frame, attempt: AttemptInput): NodeContext<unknown> {
  const { node, id, inputs, signal, tokens } = attempt;
  const { shared } = frame;
  const emit = (event: NodeEmit) => shared.emit({ ...event, runId: shared.runId, nodeId: id, nodeType: node.spec.type } as Parameters<typeof shared.emit>[0]);
  const count = (usage: Parameters<typeof addTokens>[1]) => (addTokens(tokens, usage), addTokens(shared.tokens, usage));
  const scope = frame.scope.child(inputs);
  const llm: WorkflowLlm = {
    chat: async (request, s) => {
      const result = await service().chat(request, s ?? signal);
      count(result.usage);
      return result;
    },
    stream: async (request, onChunk, s) => {
      const result = await service().stream(request, (text) => (onChunk(text), emit({ type: 'token', text })), s ?? signal);
      count(result.usage);
      return result;
    },
  };
  const service = (): WorkflowLlm => {
    if (!shared.host.llm) throw new Error('no LLM service in this run');
    return shared.host.llm;
  };
  return {
    id,
    config: node.config,
    inputs,
    scope,
    signal,
    host: shared.host,
    file: frame.graph.file,
    llm,
    emit,
    addTokens: count,
    // each round of a body is a chance for timers and Stop, even when the body is empty
    runBody: async (key, vars, label, s) => (await breathe(s ?? signal), runBody(frame, node, scope, key, vars, `${id}${label}/`, s ?? signal)),
    runFile: (file, values) => runNestedFile(frame, file, values, { prefix: `${id}/`, signal, read: frame.readCache(node) }),
  };
}
