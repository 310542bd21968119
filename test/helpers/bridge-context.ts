/**
 * A fake `BridgeCallContext` for handler tests, and a way to call a handler by method name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BridgeCallContext, BridgeHandlers, RunServices } from '../../runtime/bridges/types';

/** A context with the given services; `emitted` collects what handlers emit. */
export function bridgeContext(services: RunServices = {}, signal: AbortSignal = new AbortController().signal) {
  const emitted: unknown[] = [];
  const ctx: BridgeCallContext = { runId: 'run-test', signal, emit: (value) => emitted.push(value), services };
  return { ctx, emitted };
}

/** Calls `handlers[method]`; throws when there is no such handler. */
export function callHandler(handlers: BridgeHandlers, method: string, args: unknown[], ctx: BridgeCallContext): Promise<unknown> {
  const handler = handlers[method];
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler(args, ctx);
}

/** A fresh temporary folder, and a function that removes it. */
export function tempFolder(prefix = 'llmspell-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
