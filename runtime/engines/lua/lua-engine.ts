import type { LuaFactory, LuaReturn as LuaStatus, LuaEngine as WasmoonEngine } from 'wasmoon';
import { wasmoon } from './wasmoon';
import { LUA_PRELUDE } from './prelude/index';
import { LUA_BRIDGES } from './bridges';
import { toLuaSafe } from './to-lua';
import { checkArgsChunk } from './check-args-chunk';
import type { EngineHost, EngineRunInput } from '../engine';
import { ThreadArmer } from './thread-armer';

const { LuaReturn } = wasmoon;

/**
 * The prelude, bridges and argument checks as Lua bytecode, made by the build (scripts/lua-bytecode.mjs)
 * from the same sources: loading it skips Lua's parser at every engine start. Absent when the runtime
 * runs from source (tests), which loads the source instead.
 */
declare const __LLMSPELL_LUA_BYTECODE__: { prelude: string; bridges: string[]; checkArgs: string } | undefined;
const BYTECODE = typeof __LLMSPELL_LUA_BYTECODE__ === 'object' ? __LLMSPELL_LUA_BYTECODE__ : undefined;

/**
 * One Lua 5.4 VM (wasmoon) prepared for exactly one run: the prelude and bridges are loaded ahead of
 * time so a warm engine process only has to hand over the spell.
 */
export class LuaEngine {
  private host: EngineHost | undefined;
  private armer: ThreadArmer | undefined;

  private constructor(
    private readonly vm: WasmoonEngine,
    private readonly hookFunction: number,
  ) {}

  /**
   * Creates a VM with the prelude and every bridge loaded, before any spell is known (a warm engine
   * process does this while it waits). The factory caches the compiled wasm.
   */
  static async create(factory: LuaFactory): Promise<LuaEngine> {
    // enableProxy off: JS objects must never reach a spell as live proxies (that would be a way out
    // to the host's Function constructor); values cross as plain copies only. No traceAllocations:
    // the memory limit is the wasm heap's cap (runtime/host/wasm-heap-cap.ts), free per allocation.
    const vm = await factory.createEngine({ traceAllocations: false, enableProxy: false, injectObjects: false });
    const engine = new LuaEngine(vm, ThreadArmer.probeHookFunction(vm));
    vm.global.set('__host', engine.hostFunctions());
    runChunk(vm, LUA_PRELUDE, BYTECODE?.prelude);
    LUA_BRIDGES.forEach((source, i) => runChunk(vm, source, BYTECODE?.bridges[i]));
    vm.doStringSync('__llmspell_prepare()');
    runChunk(vm, checkArgsChunk, BYTECODE?.checkArgs);
    return engine;
  }

  private hostFunctions(): Record<string, (...args: never[]) => unknown> {
    const host = (): EngineHost => {
      if (!this.host) throw new Error('no run in progress');
      return this.host;
    };
    return {
      write: (text: string) => host().write(String(text)),
      flush: () => host().flush(),
      call: (method: string, argsJson: string) => host().call(String(method), JSON.parse(String(argsJson)) as unknown[]),
      cancel: (id: number) => host().cancel(Number(id)),
      started: () => host().started(),
      busy: () => host().busy?.(),
      now: () => host().now(),
      check: () => host().check(),
      log: (level: string, message: string, fieldsJson: string) => host().log(String(level), String(message), String(fieldsJson)),
      notify: (name: string, dataJson: string) => host().notify(String(name), String(dataJson)),
      json_decode: (text: string) => toLuaSafe(host().jsonDecode(String(text))),
    };
  }

  /**
   * Runs the spell to completion; resolves when every task is done with what the main chunk returned
   * (its first value, as plain data; undefined when it returned nothing), rejects with the Lua error.
   */
  async run(input: EngineRunInput, host: EngineHost): Promise<unknown> {
    if (this.host) throw new Error('a Lua engine runs one spell only');
    this.host = host;
    const global = this.vm.global;
    const thread = global.newThread();
    this.armer = ThreadArmer.create(global, thread.address, this.hookFunction);
    const lua = thread.lua;
    lua.lua_getglobal(thread.address, '__llmspell_run');
    thread.pushValue(input.code);
    thread.pushValue(input.fileName);
    thread.pushValue(toLuaSafe(input.params));
    thread.pushValue(input.mode === 'test');
    thread.pushValue(input.limits.instructions);
    let state = thread.resume(5);
    while (state.result === LuaReturn.Yield) {
      const deadline = state.resultCount > 0 ? (thread.getValue(-1) as number | undefined) : undefined;
      if (state.resultCount > 0) thread.pop(state.resultCount);
      const completions = await host.waitForCompletions(typeof deadline === 'number' ? deadline : undefined);
      thread.pushValue(toLuaSafe(completions));
      state = thread.resume(1);
    }
    if (state.result !== LuaReturn.Ok) {
      const error = thread.getValue(-1) as unknown;
      throw new LuaRunError(describeLuaError(error, state.result));
    }
    const result = state.resultCount > 0 ? (thread.getValue(-1) as unknown) : undefined;
    return typeof result === 'string' ? (JSON.parse(result) as unknown) : undefined;
  }

  /**
   * The run is over its time (the host's check() now says so) and the VM may be busy in a loop:
   * arms the budget hook on every Lua thread, so the spell fails at its next instruction with its
   * line. Safe at any point of the VM's execution (see ThreadArmer). False when it cannot be done.
   */
  interrupt(): boolean {
    return this.armer?.armAll() ?? false;
  }

  /** Whether `buffer` is this VM's wasm heap (the memory limit caps that heap's growth). */
  ownsHeap(buffer: ArrayBuffer): boolean {
    return this.vm.global.lua.module.HEAPU8.buffer === buffer;
  }

  close(): void {
    this.vm.global.close();
  }
}

/** A spell failed; `message` is Lua's own text (`hello.lua:3: attempt to ...`). */
export class LuaRunError extends Error {
  override name = 'LuaRunError';
}

function describeLuaError(error: unknown, status: LuaStatus): string {
  if (status === LuaReturn.ErrorMem) return 'not enough memory (the run hit its memory limit)';
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  if (error === undefined || error === null) return 'error object is nil';
  // Lua's own wording for a non-string error value (`error({ code = 1 })`).
  return typeof error === 'object' ? 'error object is a table value' : String(error);
}

/** Runs one of our own chunks: its build-time bytecode when there is some, else its source. */
function runChunk(vm: WasmoonEngine, source: string | (() => string), bytecode: string | undefined): void {
  if (bytecode === undefined) {
    vm.doStringSync(typeof source === 'function' ? source() : source);
    return;
  }
  const bytes = Buffer.from(bytecode, 'base64');
  const { lua } = vm.global;
  const module = lua.module as unknown as { _malloc(size: number): number; _free(pointer: number): void; HEAPU8: Uint8Array };
  const pointer = module._malloc(bytes.length);
  let status: LuaStatus;
  try {
    module.HEAPU8.set(bytes, pointer);
    // Mode 'b': binary only, and only here; a spell's own `load` takes text alone (see 5-entry.lua).
    status = lua.luaL_loadbufferx(vm.global.address, pointer, bytes.length, 'llmspell', 'b');
  } finally {
    module._free(pointer);
  }
  if (status !== LuaReturn.Ok) throw new Error(`the engine's Lua bytecode did not load: ${String(vm.global.getValue(-1))}`);
  vm.global.runSync();
}
