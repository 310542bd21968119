import { STUDIO_METHODS, type StudioMethod } from '../contract/studio-api';
import type { StudioHandlers } from './studio-handlers';
import { StudioError, toWireError } from './studio-error';

/** The outcome of one call as every transport sends it back. */
export type CallReply = { result: unknown } | { error: { message: string; code: string } };

/** True for a method of the contract (own keys only: `constructor` or `__proto__` are no methods). */
export function isStudioMethod(name: unknown): name is StudioMethod {
  return typeof name === 'string' && Object.hasOwn(STUDIO_METHODS, name);
}

/** zod issues → `files.save: path: expected string, received number` (the field first, always). */
function describeIssues(method: string, issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${method}: ${issue.path.length ? issue.path.map(String).join('.') : 'params'}: ${issue.message.replace(/^Invalid input: /, '')}`)
    .join('\n');
}

/**
 * Runs one Studio API call from an untrusted caller: the method must be in the contract, the input
 * must parse with its schema (the error names the field), and the result is parsed with the output
 * schema before it leaves (which also drops any field the contract does not show, such as a key).
 * Never throws; a handler's unexpected error is logged and returned as `internal`.
 */
export async function dispatchCall(handlers: StudioHandlers, method: unknown, params: unknown, log: (line: string) => void = () => {}): Promise<CallReply> {
  if (!isStudioMethod(method)) {
    return { error: { message: `method: unknown method ${JSON.stringify(method)}; expected one of ${Object.keys(STUDIO_METHODS).join(', ')}`, code: 'unknown_method' } };
  }
  const spec = STUDIO_METHODS[method];
  const input = spec.input.safeParse(params === undefined ? {} : params);
  if (!input.success) return { error: { message: describeIssues(method, input.error.issues), code: 'bad_input' } };
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    const result = await handler(input.data);
    const output = spec.output.safeParse(result);
    if (!output.success) throw new Error(`${method} returned a result that breaks the contract: ${describeIssues(method, output.error.issues)}`);
    return { result: output.data };
  } catch (error) {
    // Why: only our own StudioError messages reach the caller; anything else stays in the host log.
    if (!(error instanceof StudioError)) log(`${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { error: toWireError(error) };
  }
}
