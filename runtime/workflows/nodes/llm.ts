/**
 * `llm`: one model call. The prompt (and system text) are templates over the node's inputs and the
 * workflow's; with `schema` the answer is parsed as JSON and checked against it.
 */
import { jsonInstruction, parseJsonAnswer } from '../../llm/json-answer';
import { renderText } from '../expression/template';
import { llmDescription, type LlmConfig as Config } from '../../contract/workflow-nodes/ai';
import { defineNode } from '../node-types';
import { checkSchemaCompiles, schemaProblem } from '../util/json-check';


/** The `llm` node type. */
export const llmNode = defineNode<Config>({
  ...llmDescription,
  slot: () => true,
  templates: (c) => [{ path: ['prompt'], value: c.prompt }, ...(c.system ? [{ path: ['system'], value: c.system }] : [])],
  check: (c) => {
    if (!c.schema) return [];
    try {
      checkSchemaCompiles(c.schema);
      return [];
    } catch (error) {
      return [{ path: ['schema'], message: (error as Error).message }];
    }
  },
  async run(ctx) {
    const c = ctx.config;
    const prompt = renderText(c.prompt, ctx.scope);
    const system = c.system === undefined ? undefined : renderText(c.system, ctx.scope);
    const request = { messages: [{ role: 'user' as const, content: prompt }], model: c.model, temperature: c.temperature, maxTokens: c.max_tokens, system };
    if (c.schema) {
      const withSchema = { ...request, system: [system, jsonInstruction(c.schema)].filter(Boolean).join('\n\n'), responseFormat: 'json' as const, jsonSchema: c.schema };
      const answer = await ctx.llm.chat(withSchema);
      const value = parseJsonAnswer(answer.content);
      const problem = await schemaProblem(c.schema, value, ctx.signal);
      if (problem) throw new Error(`the answer does not match the schema: ${problem}`);
      return { output: value };
    }
    const answer = c.stream === false ? await ctx.llm.chat(request) : await ctx.llm.stream(request, () => {});
    return { output: answer.content };
  },
});
