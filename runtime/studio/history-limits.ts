/** How much run history the studio keeps on disk. */
export interface HistoryLimits {
  /** Runs kept; older ones are deleted as new ones finish. */
  maxRuns: number;
  /** Characters of output kept in a run's record (the rest is cut, with a note). */
  maxOutputChars: number;
  /** Events kept per run (the `finished` event always is). */
  maxEvents: number;
  /** Characters of event text (output, tokens, logs) kept per run. */
  maxEventChars: number;
  /** Characters of output kept in full per run (beside the record's short copy), for show all / save output. */
  maxFullOutputChars: number;
  /** Bytes of LLM exchanges kept per run as its cassette, for a deterministic replay (0: none kept; default 4 MB). */
  maxCassetteBytes?: number;
}

/** The defaults: the last 500 runs (`studio.history_runs` in the configuration), 64 KB of output and 1 MB of events each, 16 MB of full output (held in memory while a run is live), 4 MB of LLM exchanges for replay. */
export const HISTORY_LIMITS: Required<HistoryLimits> = {
  maxRuns: 500,
  maxOutputChars: 64 * 1024,
  maxEvents: 10_000,
  maxEventChars: 1024 * 1024,
  maxFullOutputChars: 16 * 1024 * 1024,
  maxCassetteBytes: 4 * 1024 * 1024,
};

/**
 * The defaults, with the runs kept read from the configuration (`studio.history_runs`) each time the
 * history trims itself, so an edited configuration applies from the next run's end. While the
 * configuration cannot be read (a broken file), nothing is trimmed: a typo must not delete runs.
 */
export function configuredHistoryLimits(historyRuns: () => number): HistoryLimits {
  return {
    ...HISTORY_LIMITS,
    get maxRuns() {
      try {
        return historyRuns();
      } catch {
        return Infinity;
      }
    },
  };
}
