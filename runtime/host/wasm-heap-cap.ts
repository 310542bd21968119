/**
 * The memory limit of a VM that lives in WebAssembly (wasmoon's Lua): its heap may grow by
 * at most the run's limit. Emscripten's allocator then fails, and the VM raises its own error (Lua:
 * "not enough memory", which pcall sees and survives). Enforced at `WebAssembly.Memory.prototype.grow`,
 * so it costs nothing per allocation (wasmoon's JS allocator, the alternative, costs per call).
 * Must be installed before the wasm glue loads: the glue binds console.error at load time.
 */
/** The part of WebAssembly.Memory used here (the runtime's TypeScript libs have no wasm types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(delta: number): number;
}
const wasmMemory = (globalThis as unknown as { WebAssembly: { Memory: { prototype: WasmMemory } } }).WebAssembly.Memory;

let runLimitBytes: number | undefined;
let capped: (buffer: ArrayBuffer) => boolean = () => false;
const ceilings = new WeakMap<WasmMemory, number>();
const PAGE = 65536;

/** Emscripten prints a line for every refused growth; those are expected here, not news. */
const REFUSED_GROWTH = /^(growMemory: Attempted to grow heap|Cannot enlarge memory)/;

export function installWasmHeapCap(): void {
  const prototype = wasmMemory.prototype;
  const grow = prototype.grow;
  prototype.grow = function cappedGrow(this: WasmMemory, delta: number): number {
    if (runLimitBytes !== undefined && (ceilings.has(this) || capped(this.buffer))) {
      // The heap's size when the run started (only grow changes it) plus the run's limit.
      const ceiling = ceilings.get(this) ?? this.buffer.byteLength + runLimitBytes;
      ceilings.set(this, ceiling);
      if (this.buffer.byteLength + delta * PAGE > ceiling) throw new RangeError("over the run's memory limit");
    }
    return grow.call(this, delta);
  };
  const error = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && REFUSED_GROWTH.test(args[0])) return;
    error(...args);
  };
}

/**
 * From now on the wasm heap whose buffer `isHeap` recognises may grow by at most `limitBytes` over
 * its present size. (QuickJS is not capped this way: its allocator fails without an error object,
 * "uncaught null"; its interrupt handler watches its heap instead.)
 */
export function capWasmHeapGrowth(limitBytes: number, isHeap: (buffer: ArrayBuffer) => boolean): void {
  runLimitBytes = limitBytes;
  capped = isHeap;
}
