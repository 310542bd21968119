/**
 * LLM classification for the condition node: the labels go in the system message, the text to
 * classify is the user message, and the answer is matched to a label (exactly, then as a word).
 */
import { toText } from '../expression/functions';
import { renderText } from '../expression/template';
import type { NodeContext } from '../node-types';

/** What the condition node passes. */
export interface ClassifyConfig {
  labels: string[];
  prompt?: string;
  instructions?: string;
  model?: string;
}

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9_-]+/g, ' ').trim();

/** The label the model's `answer` names, if any. */
export function matchLabel(answer: string, labels: readonly string[]): string | undefined {
  const plain = squash(answer);
  const exact = labels.find((label) => squash(label) === plain);
  if (exact) return exact;
  const words = new Set(plain.split(' '));
  return labels.find((label) => words.has(squash(label)));
}

/** Asks the model; resolves with the chosen label (or `fallback`), throws when the answer names none. */
export async function classify(ctx: NodeContext<unknown>, config: ClassifyConfig, fallback: string | undefined): Promise<string> {
  const input = config.prompt ? renderText(config.prompt, ctx.scope) : toText(ctx.inputs.input);
  const system = [
    `Classify the user's message into exactly one of these labels: ${config.labels.join(', ')}.`,
    config.instructions ?? '',
    'Answer with the label only.',
  ]
    .filter(Boolean)
    .join('\n');
  const answer = await ctx.llm.chat({ messages: [{ role: 'user', content: input }], system, model: config.model, temperature: 0 });
  const label = matchLabel(answer.content, config.labels) ?? fallback;
  if (label === undefined) {
    const shown = answer.content.length > 80 ? `${answer.content.slice(0, 77)}...` : answer.content;
    throw new Error(`the model's answer names none of ${config.labels.join(', ')}: "${shown}" (set default: to route such answers)`);
  }
  return label;
}
