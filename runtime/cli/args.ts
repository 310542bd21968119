import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command understands. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  verbose: { type: 'boolean', short: 'v' },
  quiet: { type: 'boolean', short: 'q' },
  'log-level': { type: 'string' },
} as const satisfies Options;

/** Parsed flags: booleans for boolean options, strings for the rest. */
export type ParsedValues<O extends Options> = {
  [K in keyof (O & typeof COMMON_OPTIONS)]?: (O & typeof COMMON_OPTIONS)[K] extends { type: 'boolean' } ? boolean : string;
};

/**
 * Parses a command's arguments strictly: an unknown flag or a missing value is a UsageError that
 * names it, never silently ignored.
 */
export function parseCommandArgs<O extends Options>(
  args: string[],
  options: O,
  usage: string,
): { values: ParsedValues<O>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedValues<O>, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(cleanMessage(error), usage);
  }
}

function cleanMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option/, 'unknown option');
}

/** `key=value` arguments → the spell's params; anything else is a usage error. */
export function parseParams(pairs: string[], usage: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`expected key=value after the spell, got '${pair}'`, usage);
    params[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return params;
}

/** The log level the flags ask for: --log-level wins, then --verbose (debug), then --quiet (error). */
export function logLevelFlag(values: { verbose?: boolean; quiet?: boolean; 'log-level'?: string }): string | undefined {
  if (values['log-level']) return values['log-level'];
  if (values.verbose) return 'debug';
  if (values.quiet) return 'error';
  return undefined;
}
