/**
 * What LLM calls cost: a price per model in US dollars per million input (prompt) and output
 * (completion) tokens. Shipped defaults for common models live in the configuration's `prices`
 * section, where the user can change them or add their own; a model with no price costs $0 (the mock
 * provider, local servers) and is reported as unpriced.
 */

import { z } from 'zod';

/** One model's share of a run's cost. */
export const ModelCost = z.object({
  calls: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  /** US dollars. */
  cost: z.number(),
  /** False when the model has no price (its calls count $0). */
  priced: z.boolean(),
});
export type ModelCost = z.infer<typeof ModelCost>;

/** What a run's LLM calls cost: the total, per model, and the cap it ran under (US dollars). */
export const CostReport = z.object({
  currency: z.literal('USD'),
  total: z.number(),
  /** The cost cap, when the run had one. */
  limit: z.number().optional(),
  models: z.record(z.string(), ModelCost),
});
export type CostReport = z.infer<typeof CostReport>;

/** US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** Prices by model id (`gpt-4o`), or by provider and model (`local/my-model`) for one provider only. */
export type PriceTable = Readonly<Record<string, Partial<ModelPrice>>>;

/**
 * Published list prices (USD per 1M tokens) of common models, as shipped. Dated ids
 * (`gpt-4o-2024-08-06`, `claude-3-5-sonnet-20241022`) find their family by prefix.
 */
export const DEFAULT_PRICES: Record<string, ModelPrice> = {
  // OpenAI
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-4': { input: 30, output: 60 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  o1: { input: 15, output: 60 },
  'o1-mini': { input: 1.1, output: 4.4 },
  o3: { input: 2, output: 8 },
  'o3-mini': { input: 1.1, output: 4.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  // Anthropic (also through OpenAI-compatible endpoints and routers)
  'claude-opus-4': { input: 15, output: 75 },
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-3-5-sonnet': { input: 3, output: 15 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-3-opus': { input: 15, output: 75 },
  'claude-3-haiku': { input: 0.25, output: 1.25 },
  // Google
  'gemini-2.5-pro': { input: 1.25, output: 10 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4 },
  'gemini-1.5-pro': { input: 1.25, output: 5 },
  'gemini-1.5-flash': { input: 0.075, output: 0.3 },
};

/** A price found for a call, and the table key it came from. */
export interface PriceMatch {
  key: string;
  price: ModelPrice;
}

/** Characters that may follow a family name in a longer model id (`gpt-4o-2024-08-06`, `llama3:8b`). */
const SEPARATORS = new Set(['-', ':', '@', '_']);

/**
 * The price of `model` as `provider` serves it: `provider/model` exactly, then the model exactly, then
 * the longest priced family the id starts with (`gpt-4o-mini-2024-07-18` → `gpt-4o-mini`, never
 * `gpt-4o`); router ids (`openai/gpt-4o`) are tried without their prefix too. Undefined: unpriced.
 * An entry missing `input` or `output` prices that side at 0.
 */
export function priceFor(table: PriceTable, provider: string, model: string): PriceMatch | undefined {
  const id = model.trim().toLowerCase();
  const lower = new Map(Object.entries(table).map(([k, v]) => [k.toLowerCase(), { key: k, v }]));
  const found = (key: string): PriceMatch | undefined => {
    const hit = lower.get(key);
    return hit ? { key: hit.key, price: { input: hit.v.input ?? 0, output: hit.v.output ?? 0 } } : undefined;
  };
  const exact = found(`${provider.toLowerCase()}/${id}`) ?? found(id);
  if (exact) return exact;
  const bare = id.includes('/') ? id.slice(id.lastIndexOf('/') + 1) : id;
  for (const candidate of bare === id ? [id] : [id, bare]) {
    if (candidate !== id) {
      const hit = found(candidate);
      if (hit) return hit;
    }
    let best: string | undefined;
    for (const key of lower.keys()) {
      if (key.includes('/') || key.length >= candidate.length || !candidate.startsWith(key)) continue;
      if (!SEPARATORS.has(candidate[key.length]!)) continue;
      if (!best || key.length > best.length) best = key;
    }
    if (best) return found(best);
  }
  return undefined;
}

/** Dollars for `inputTokens` and `outputTokens` at `price`. */
export function costOf(price: ModelPrice, inputTokens: number, outputTokens: number): number {
  return (Math.max(0, inputTokens) * price.input + Math.max(0, outputTokens) * price.output) / 1_000_000;
}

/** `$0.0123`: four decimals below a dollar (a call often costs a fraction of a cent), two above. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '<$0.0001';
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}
