import { coerceNumber, type Layer } from './layer';

/**
 * Command-line flags as the CLI parser hands them over; values may still be strings. Other keys
 * (flags that are not configuration, like `json`) are ignored.
 */
export interface ConfigFlags {
  provider?: string;
  model?: string;
  logLevel?: string;
  /** Seconds. */
  timeout?: number | string;
  /** Megabytes. */
  memory?: number | string;
  /** Seconds of CPU time. */
  cpu?: number | string;
  /** US dollars (`--max-cost`). */
  maxCost?: number | string;
  poolSize?: number | string;
  [other: string]: unknown;
}

const FLAGS = [
  { key: 'provider', flag: '--provider', path: ['provider'] },
  { key: 'model', flag: '--model', path: ['model'] },
  { key: 'logLevel', flag: '--log-level', path: ['log_level'] },
  { key: 'timeout', flag: '--timeout', path: ['limits', 'timeout'], numeric: true },
  { key: 'memory', flag: '--memory', path: ['limits', 'memory'], numeric: true },
  { key: 'cpu', flag: '--cpu', path: ['limits', 'cpu'], numeric: true },
  { key: 'maxCost', flag: '--max-cost', path: ['limits', 'cost'], numeric: true },
  { key: 'poolSize', flag: '--pool-size', path: ['pool', 'size'], numeric: true },
] as const;

/** The highest-precedence layer; each value's origin is `flag --<name>`. */
export function flagsLayer(flags: ConfigFlags): Layer {
  const layer: Layer = { label: 'flags', entries: [], problems: [] };
  for (const f of FLAGS) {
    const raw = flags[f.key];
    if (raw === undefined || raw === null) continue;
    const value = 'numeric' in f ? coerceNumber(raw) : raw;
    layer.entries.push({ path: [...f.path], value, origin: `flag ${f.flag}` });
  }
  return layer;
}
