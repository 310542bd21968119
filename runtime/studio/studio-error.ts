/**
 * Why a Studio API call failed, in words for people and a code for programs: `bad_input`,
 * `not_found`, `exists`, `stale`, `forbidden`, `not_running`, `internal`, ...
 */
export class StudioError extends Error {
  override name = 'StudioError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** A field of a call's input is wrong; the message starts with the field's name. */
export function badInput(field: string, message: string): StudioError {
  return new StudioError(`${field}: ${message}`, 'bad_input');
}

/** The `{ message, code }` a transport sends back for any thrown value. */
export function toWireError(error: unknown): { message: string; code: string } {
  if (error instanceof StudioError) return { message: error.message, code: error.code };
  // Anything else is a host bug: say so without leaking a stack (or a secret in a message) to the page.
  return { message: 'internal error in the studio host (see its log)', code: 'internal' };
}
