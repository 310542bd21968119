import type { CostReport } from '../llm/run-cost';
import { formatUsd } from '../contract/prices';

/**
 * The `--verbose` summary of a run's cost: `[cost] hello: $0.0042 (gpt-4o-mini: 3 calls, 1200 in / 310
 * out tokens, $0.0004; ...) of a $0.05 limit`. Models without a price say so: their calls count $0.
 */
export function costLine(name: string, cost: CostReport): string {
  const models = Object.entries(cost.models).map(([model, m]) => {
    const calls = `${m.calls} ${m.calls === 1 ? 'call' : 'calls'}`;
    return `${model}: ${calls}, ${m.inputTokens} in / ${m.outputTokens} out tokens, ${m.priced ? formatUsd(m.cost) : 'no price'}`;
  });
  const limit = cost.limit !== undefined ? ` of a ${formatUsd(cost.limit)} limit` : '';
  return `[cost] ${name}: ${formatUsd(cost.total)}${models.length ? ` (${models.join('; ')})` : ' (no LLM calls)'}${limit}`;
}
