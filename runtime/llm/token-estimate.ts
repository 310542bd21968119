/**
 * A deterministic token estimate for providers that report no usage (and for the mock provider):
 * about four characters per token, as OpenAI's tokenizer averages on English text.
 */

/** Estimated tokens of a text; 0 for empty text. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}
