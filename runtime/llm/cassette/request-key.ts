import { createHash } from 'node:crypto';
import type { LlmRequest } from '../types';

/**
 * The identity of a request in a cassette: everything that shapes the answer except the model name,
 * which defaults differently per provider (a cassette recorded against openai replays offline, where
 * the current provider is mock). Keys are sorted so equal requests hash equally.
 */
export function requestKey(kind: string, request: LlmRequest | undefined): string {
  const { model: _model, ...rest } = request ?? ({} as LlmRequest);
  return createHash('sha256').update(kind).update(stableJson(rest)).digest('hex').slice(0, 32);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
