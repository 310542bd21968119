import type { Config } from '../config';
import type { BridgeHandlers, RunServices } from '../bridges/types';

/** The capabilities one run gets, built from the effective configuration. */
export interface RunCapabilities {
  bridges: BridgeHandlers;
  services: RunServices;
  /** Token usage of the run so far, if it used an LLM. */
  usage(): unknown;
}

/** Builds the bridges and services of one run. `notice` prints one-time user notices (stderr). */
export function createRunServices(_config: Config, _options: { notice: (text: string) => void }): RunCapabilities {
  return { bridges: {}, services: {}, usage: () => undefined };
}
