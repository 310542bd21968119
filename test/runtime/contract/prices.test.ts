import { describe, expect, it } from 'vitest';
import { costOf, DEFAULT_PRICES, formatUsd, priceFor } from '../../../runtime/contract/prices';

describe('priceFor', () => {
  it('finds a shipped model exactly, and a dated id under its own family, never a shorter one', () => {
    expect(priceFor(DEFAULT_PRICES, 'openai', 'gpt-4o')).toEqual({ key: 'gpt-4o', price: { input: 2.5, output: 10 } });
    expect(priceFor(DEFAULT_PRICES, 'openai', 'gpt-4o-2024-08-06')?.key).toBe('gpt-4o');
    expect(priceFor(DEFAULT_PRICES, 'openai', 'gpt-4o-mini-2024-07-18')?.key).toBe('gpt-4o-mini');
    expect(priceFor(DEFAULT_PRICES, 'openai', 'gpt-4.1-nano')?.key).toBe('gpt-4.1-nano');
    expect(priceFor(DEFAULT_PRICES, 'openai', 'o3-mini-2025-01-31')?.key).toBe('o3-mini');
    expect(priceFor(DEFAULT_PRICES, 'anthropic', 'claude-3-5-sonnet-20241022')?.key).toBe('claude-3-5-sonnet');
    expect(priceFor(DEFAULT_PRICES, 'anthropic', 'claude-sonnet-4-5-20250929')?.key).toBe('claude-sonnet-4-5');
  });

  it('does not match a family that is only a prefix of another word', () => {
    // `gpt-4.5` is not `gpt-4`, and `o1x` is not `o1`
    expect(priceFor(DEFAULT_PRICES, 'openai', 'gpt-4.5-preview')).toBeUndefined();
    expect(priceFor(DEFAULT_PRICES, 'openai', 'o1x')).toBeUndefined();
  });

  it('reads router ids without their prefix, case-insensitively', () => {
    expect(priceFor(DEFAULT_PRICES, 'openrouter', 'openai/gpt-4o-mini')?.key).toBe('gpt-4o-mini');
    expect(priceFor(DEFAULT_PRICES, 'openrouter', 'Anthropic/Claude-3-5-Haiku')?.key).toBe('claude-3-5-haiku');
  });

  it('prefers a provider-specific entry, and leaves unknown and mock models unpriced', () => {
    const table = { ...DEFAULT_PRICES, 'local/gpt-4o': { input: 0, output: 0 }, 'my-model': { input: 1 } };
    expect(priceFor(table, 'local', 'gpt-4o')?.price).toEqual({ input: 0, output: 0 });
    expect(priceFor(table, 'openai', 'gpt-4o')?.price).toEqual({ input: 2.5, output: 10 });
    // a side left out costs nothing
    expect(priceFor(table, 'local', 'my-model')?.price).toEqual({ input: 1, output: 0 });
    expect(priceFor(table, 'mock', 'mock-model')).toBeUndefined();
    expect(priceFor(table, 'ollama', 'llama3:8b')).toBeUndefined();
  });
});

describe('costOf and formatUsd', () => {
  it('prices per million tokens', () => {
    expect(costOf({ input: 2.5, output: 10 }, 1_000_000, 0)).toBe(2.5);
    expect(costOf({ input: 2.5, output: 10 }, 1000, 500)).toBeCloseTo(0.0075, 10);
    expect(costOf({ input: 1, output: 1 }, -5, 0)).toBe(0);
  });

  it('formats small and large amounts', () => {
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.00001)).toBe('<$0.0001');
    expect(formatUsd(0.0075)).toBe('$0.0075');
    expect(formatUsd(12.345)).toBe('$12.35');
  });
});
