import { STUDIO_EVENTS, STUDIO_METHODS, type StudioEvent, type StudioMethod } from '../../runtime/contract/studio-api';

/**
 * The WebSocket wire of the Studio API, as pure functions: requests out, replies and pushed events
 * in, each reply checked against the contract's output schema (a host bug must fail loudly here,
 * not as a confusing render later).
 */

/** An error the host returned, or a transport failure (`disconnected`, `bad_reply`). */
export class StudioCallError extends Error {
  override name = 'StudioCallError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** A decoded message from the host. */
export type Incoming =
  | { kind: 'reply'; id: number; result: unknown }
  | { kind: 'failure'; id: number; error: StudioCallError }
  | { kind: 'event'; event: StudioEvent; data: unknown }
  | { kind: 'invalid'; reason: string };

/** The JSON text of one request. */
export function encodeRequest(id: number, method: StudioMethod, params: unknown): string {
  return JSON.stringify({ id, method, params });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Decodes one message; events are parsed with their schema, replies are left to {@link checkResult}. */
export function decodeMessage(text: string): Incoming {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'not JSON' };
  }
  if (!isRecord(message)) return { kind: 'invalid', reason: 'not an object' };
  if (typeof message.event === 'string') {
    if (!(message.event in STUDIO_EVENTS)) return { kind: 'invalid', reason: `unknown event ${message.event}` };
    const data = checkEvent(message.event as StudioEvent, message.data);
    return data !== undefined ? { kind: 'event', event: message.event as StudioEvent, data } : { kind: 'invalid', reason: `bad ${message.event} event` };
  }
  if (typeof message.id !== 'number') return { kind: 'invalid', reason: 'no id' };
  if (isRecord(message.error)) {
    const { message: text, code } = message.error;
    return { kind: 'failure', id: message.id, error: new StudioCallError(String(text ?? 'unknown error'), String(code ?? 'error')) };
  }
  return { kind: 'reply', id: message.id, result: message.result };
}

/** An error as any transport delivers it (an Error, or Electron's plain `{ message, code }`) as a StudioCallError. */
export function toCallError(error: unknown): StudioCallError {
  if (error instanceof StudioCallError) return error;
  if (isRecord(error) || error instanceof Error) {
    const { message, code } = error as { message?: unknown; code?: unknown };
    return new StudioCallError(String(message ?? 'unknown error'), typeof code === 'string' ? code : 'error');
  }
  return new StudioCallError(String(error), 'error');
}

/** Event data parsed with the event's schema, or undefined when it does not match. */
export function checkEvent(event: StudioEvent, data: unknown): unknown {
  const parsed = STUDIO_EVENTS[event]?.safeParse(data);
  return parsed?.success ? parsed.data : undefined;
}

/** The result parsed with the method's output schema; throws a `bad_reply` error when it does not match. */
export function checkResult(method: StudioMethod, result: unknown): unknown {
  const parsed = STUDIO_METHODS[method].output.safeParse(result);
  if (!parsed.success) throw new StudioCallError(`the studio host sent a malformed ${method} reply`, 'bad_reply');
  return parsed.data;
}

/** The WebSocket URL of the studio host serving this page, with the launch token from the page URL. */
export function socketUrl(location: { protocol: string; host: string; search: string }): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}

/** Reconnect delay after `attempt` failures: 250 ms doubling up to 5 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(5000, 250 * 2 ** Math.max(0, attempt));
}
