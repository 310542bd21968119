/**
 * Entry of the worker thread that runs one Tengo spell (dist/tengo-worker.js). The interpreter runs
 * plain and synchronous here; bridge calls block this thread (Atomics.wait) while the engine
 * process's main thread does the RPC, so Tengo code never needs to suspend.
 */
import { getHeapStatistics } from 'node:v8';
import { workerData } from 'node:worker_threads';
import { bridgeModules } from '../bridges/index';
import { TengoAbort, TengoError } from '../errors';
import { toJs } from '../interop';
import { prepare } from '../interpreter';
import type { Machine } from '../machine';
import type { Value } from '../values';
import type { WorkerStart } from './protocol';
import { StopSignal, SyncHost } from './sync-host';

const start = workerData as WorkerStart;
const host = new SyncHost(start.shared, start.replies);
const MB = 1024 * 1024;
const MEMORY = 'not enough memory (the run hit its memory limit)';

/** A spell-local source module, read by the host from the spell's folder (`tengo.source`). */
function readSource(name: string, from: string): { file: string; source: string } | undefined {
  const r = host.call('tengo.source', [name, from]);
  if (!r.ok) throw new TengoError('Compile', r.error.replace(/^tengo\.source: /, ''));
  const v = r.value as { file: string; source: string } | null;
  return v ?? undefined;
}

function runSpell(): void {
  let bridges: ((name: string) => Value | undefined) | undefined;
  const modules = (name: string, m: Machine) => (bridges ??= bridgeModules(host, m, start.params, start.mode))(name);
  let compiled: ReturnType<typeof prepare>;
  try {
    compiled = prepare(start.code, start.fileName, {
      write: (text) => host.post({ t: 'write', text, stream: 'stdout' }),
      check: () => {
        if (host.stopRequested()) return 'stopped';
        // Our own cap, below the worker's hard heap limit: V8 hitting that can abort the process.
        if (getHeapStatistics().used_heap_size > start.limits.memoryBytes) return MEMORY;
        return undefined;
      },
      checkEvery: 20_000,
      // One value may use a quarter of the memory cap: past that, a clear error instead of the heap limit.
      maxStringBytes: Math.max(MB, Math.min(start.limits.memoryBytes / 4, 256 * MB)),
      maxElements: Math.max(1024, Math.floor(start.limits.memoryBytes / 32)),
      modules,
      readSource,
      sleep: (ms) => host.sleep(ms),
    });
  } catch (e) {
    host.post({ t: 'failed', message: e instanceof Error ? e.message : String(e) });
    return;
  }
  host.post({ t: 'started' });
  try {
    const result = compiled.run();
    let value: unknown;
    try {
      value = result === undefined ? undefined : toJs(result);
    } catch {
      value = undefined;
    }
    host.post({ t: 'done', ...(value !== undefined ? { result: value } : {}) });
  } catch (e) {
    if (e instanceof TengoAbort && e.reason === MEMORY) host.post({ t: 'failed', message: `Runtime Error: ${MEMORY}` });
    else if (e instanceof TengoAbort || e instanceof StopSignal) host.post({ t: 'failed', message: e.message, aborted: true });
    else if (e instanceof TengoError) host.post({ t: 'failed', message: e.message });
    else if (e instanceof RangeError) host.post({ t: 'failed', message: `Runtime Error: ${e.message}` });
    else host.post({ t: 'failed', message: `Runtime Error: internal error: ${e instanceof Error ? e.message : String(e)}` });
  }
}

runSpell();
