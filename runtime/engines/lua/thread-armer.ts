import type { LuaEngine as WasmoonEngine } from 'wasmoon';

type Global = WasmoonEngine['global'];

/** `lua_State.l_G` in wasmoon's Lua 5.4 (wasm32: next, tt/marked/status/allowhook, nci, top, l_G). */
const STATE_GLOBAL_OFFSET = 16;
/** `GCObject.tt`, right after the `next` pointer of every collectable object's header. */
const OBJECT_TYPE_OFFSET = 4;
const LUA_VTHREAD = 8;
const LUA_MASKCOUNT = 8;
/** How far into global_State to look for `allgc` (it sits at 88 in Lua 5.4.6's layout). */
const GLOBAL_SCAN_BYTES = 512;

/**
 * Arms the prelude's budget hook on every Lua thread of a VM, from outside the VM's own control flow
 * (the watchdog's interrupt, while a spell loops). It only writes hook fields: `lua_sethook` is the
 * one Lua API function made to be called asynchronously (lua.c calls it from its SIGINT handler), and
 * finding the threads reads the collector's list of all objects without allocating. The prelude has
 * registered its hook function for every coroutine with an empty mask, so `debug.sethook`'s C hook
 * finds it once armed. The struct offsets are checked against the live VM before use.
 */
export class ThreadArmer {
  private constructor(
    private readonly global: Global,
    private readonly globalState: number,
    private readonly allgcOffset: number,
    private readonly hookFunction: number,
  ) {}

  /** The C function `debug.sethook` installs (ldblib's hookf), found by setting a hook and reading it back. */
  static probeHookFunction(vm: WasmoonEngine): number {
    const { lua, address } = vm.global;
    vm.doStringSync('debug.sethook(function() end, "", 1000000000)');
    const hookFunction = lua.lua_gethook(address);
    vm.doStringSync('debug.sethook()');
    return hookFunction;
  }

  /**
   * Reads the layout off a thread that was just created (the newest object heads `allgc`); undefined
   * when the VM does not look as expected, and then a busy spell is ended by the supervisor's kill.
   */
  static create(global: Global, newestThread: number, hookFunction: number): ThreadArmer | undefined {
    if (!hookFunction) return undefined;
    const bytes = global.lua.module.HEAPU8;
    const words = new Uint32Array(bytes.buffer);
    if (bytes[newestThread + OBJECT_TYPE_OFFSET] !== LUA_VTHREAD) return undefined;
    const globalState = words[(newestThread + STATE_GLOBAL_OFFSET) >>> 2]!;
    if (globalState !== words[(global.address + STATE_GLOBAL_OFFSET) >>> 2]) return undefined;
    for (let offset = 0; offset < GLOBAL_SCAN_BYTES; offset += 4) {
      if (words[(globalState + offset) >>> 2] === newestThread) return new ThreadArmer(global, globalState, offset, hookFunction);
    }
    return undefined;
  }

  /** Sets a count hook of 1 on every thread alive; true when at least one was armed. */
  armAll(): boolean {
    const { lua } = this.global;
    const bytes = lua.module.HEAPU8; // a fresh view: the heap may have grown since
    const words = new Uint32Array(bytes.buffer);
    let object = words[(this.globalState + this.allgcOffset) >>> 2]!;
    let armed = 0;
    for (let seen = 0; object !== 0 && seen < 1e8; seen++) {
      if (bytes[object + OBJECT_TYPE_OFFSET] === LUA_VTHREAD) {
        lua.lua_sethook(object, this.hookFunction, LUA_MASKCOUNT, 1);
        armed++;
      }
      object = words[object >>> 2]!;
    }
    return armed > 0;
  }
}
