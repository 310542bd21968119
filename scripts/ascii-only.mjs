// Used by scripts/build-runtime.mjs on dist/cli.cjs.
/**
 * The script with every non-ASCII character (in comments, regular expressions, the banner) written as
 * a `\uXXXX` escape, UTF-16 unit by unit, on the same lines. An ASCII file is read as a one-byte string
 * (bin/llmspell.js): decoding 5 MB of UTF-8 into a two-byte string cost ≈ 20 ms of CPU per run. Every
 * place a character can be in a bundle reads the escape as that character (strings, templates,
 * regular expressions with or without `u`), except a raw template, which the bundle must not hold.
 */
export function asciiOnly(source) {
  return source.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
