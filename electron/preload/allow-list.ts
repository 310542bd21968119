import { STUDIO_EVENTS, STUDIO_METHODS, type StudioEvent, type StudioMethod } from '../../runtime/contract/studio-api';

/**
 * The IPC surface between the preload and Electron main, derived from the contract: the methods the
 * preload forwards (no other channel can be invoked through it) and the channel names on both sides.
 * No electron import here, so tests and main can use it too.
 */
export const ALLOWED_METHODS: readonly StudioMethod[] = Object.freeze(Object.keys(STUDIO_METHODS) as StudioMethod[]);

/** The events the preload lets the page listen to. */
export const ALLOWED_EVENTS: readonly StudioEvent[] = Object.freeze(Object.keys(STUDIO_EVENTS) as StudioEvent[]);

/** The channel main handles a method on: `studio:runs.start`. */
export function invokeChannel(method: StudioMethod): string {
  return `studio:${method}`;
}

/** The channel main pushes `{ event, data }` messages on. */
export const EVENT_CHANNEL = 'studio:event';

/** The reply of every invoke channel: the preload turns `error` into a rejection. */
export type IpcReply = { result: unknown } | { error: { message: string; code: string } };
