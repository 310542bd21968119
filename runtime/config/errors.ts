/** One thing wrong with the configuration, located as precisely as its source allows. */
export interface ConfigProblem {
  /** Where it came from: `./llmspell.yaml`, `env LLMSPELL_TIMEOUT`, `.env OPENAI_API_KEY`, `flag --timeout`. */
  source: string;
  /** Dotted key path (`limits.timeout`); empty when the problem concerns the whole source. */
  path: string;
  /** 1-based line in a YAML file, when known. */
  line?: number;
  /** What is wrong, e.g. `expected a positive number, got "soon"`. */
  message: string;
}

/** Renders one problem as `source[:line]: path: message`. */
export function formatProblem(problem: ConfigProblem): string {
  const where = problem.line === undefined ? problem.source : `${problem.source}:${problem.line}`;
  return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** Thrown by loadConfig with every problem of every source at once; the message has one line per problem. */
export class ConfigError extends Error {
  /** All problems found, in source precedence order (lowest first). */
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
