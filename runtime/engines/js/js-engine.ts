import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten';
import type { Engine, EngineHost, EngineRunInput } from '../engine';
import { BUILTIN_AGENTS } from '../../agents/builtin-agents';
import { argSpecs } from '../arg-specs';
import { createHostObject } from './host-functions';
import { JsRunError, describeVmError, fromDump, type VmErrorInfo } from './js-errors';
import { runSpellLoop, type PreludeApi } from './js-driver';
import { JS_PRELUDE, PRELUDE_FILE } from './prelude/index';
import { importQuickJs } from './quickjs-module';

/** QuickJS's own stack limit for a spell; the default let deep recursion crash Node (FACTS.md). */
export const MAX_STACK_BYTES = 256 * 1024;

/**
 * The async-function rewrite (and acorn with it), loaded with QuickJS rather than with every engine
 * process, and run once on a sample: acorn's first parse costs ≈ 10 ms cold, later ones < 1 ms.
 */
let asyncWatch: Promise<typeof import('./async-watch')> | undefined;
const loadAsyncWatch = () =>
  (asyncWatch ??= import('./async-watch').then((m) => {
    m.watchAsyncFunctions(m.WARM_UP_SAMPLE);
    return m;
  }));

/** Loads the QuickJS wasm module (the sync, non-asyncify release build); cache the promise per process. */
export async function loadQuickJs(): Promise<QuickJSWASMModule> {
  void loadAsyncWatch();
  const { newQuickJSWASMModuleFromVariant, RELEASE_SYNC } = await importQuickJs();
  return newQuickJSWASMModuleFromVariant(RELEASE_SYNC);
}

/**
 * One QuickJS runtime and context prepared for exactly one run: the prelude and every bridge are
 * installed ahead of time, so a warm engine process only has to hand over the spell. The spell sees
 * the language's own built-ins plus the bridges: no Node API, `require`, `process` or module loader.
 */
export class JsEngine implements Engine {
  private host: EngineHost | undefined;
  private stopReason: string | undefined;

  private constructor(
    private readonly module: QuickJSWASMModule,
    private readonly runtime: QuickJSRuntime,
    private readonly vm: QuickJSContext,
    private readonly prelude: PreludeApi,
  ) {}

  /** Creates a VM with the prelude and every bridge installed, before any spell is known. */
  static create(module: QuickJSWASMModule): JsEngine {
    const runtime = module.newRuntime();
    runtime.setMaxStackSize(MAX_STACK_BYTES);
    const vm = runtime.newContext();
    const self: { engine?: JsEngine } = {};
    const hostObject = createHostObject(vm, () => {
      if (!self.engine?.host) throw new Error('no run in progress');
      return self.engine.host;
    });
    const fn = vm.unwrapResult(vm.evalCode(JS_PRELUDE, PRELUDE_FILE, { type: 'global', strict: true }));
    const specs = vm.newString(JSON.stringify(argSpecs('js')));
    const agents = vm.newString(JSON.stringify(BUILTIN_AGENTS));
    const api = vm.callFunction(fn, vm.undefined, hostObject, specs, agents);
    for (const handle of [fn, specs, agents, hostObject]) handle.dispose();
    if (api.error) {
      const error = fromDump(vm.dump(api.error));
      api.error.dispose();
      throw new Error(`the JavaScript prelude failed: ${error.name}: ${error.message}`);
    }
    const take = (name: string): QuickJSHandle => vm.getProp(api.value, name);
    const prelude: PreludeApi = { setParams: take('setParams'), enableTesting: take('enableTesting'), start: take('start'), tick: take('tick'), status: take('status') };
    api.value.dispose();
    self.engine = new JsEngine(module, runtime, vm, prelude);
    return self.engine;
  }

  /** Runs the spell; resolves with main's result (undefined when it has none), rejects with a JsRunError. */
  async run(input: EngineRunInput, host: EngineHost): Promise<unknown> {
    if (this.host) throw new Error('a JavaScript engine runs one spell only');
    this.host = host;
    const { runtime, vm } = this;
    runtime.setMemoryLimit(input.limits.memoryBytes);
    // QuickJS's own limit misses large allocations in this wasm build (a bomb of 1 KB strings reached
    // 2 GB under a 32 MB limit), so the interrupt handler also watches the wasm heap itself.
    const heap = this.module.getWasmMemory();
    const ceiling = heap.buffer.byteLength + input.limits.memoryBytes;
    const overMemory = `not enough memory (the run hit its memory limit of ${Math.round(input.limits.memoryBytes / 2 ** 20)} MB)`;
    // Sticky: once over budget every later check interrupts too, and QuickJS's interrupt error
    // cannot be caught by the spell's try/catch.
    runtime.setInterruptHandler(() => {
      this.stopReason ??= host.check() ?? (heap.buffer.byteLength > ceiling ? overMemory : undefined);
      return this.stopReason !== undefined;
    });
    const fail = (error: VmErrorInfo): JsRunError => new JsRunError(describeVmError(error, input.fileName, this.stopReason));

    const params = vm.newString(JSON.stringify(input.params));
    this.callPrelude(this.prelude.setParams, fail, params);
    params.dispose();
    if (input.mode === 'test') this.callPrelude(this.prelude.enableTesting, fail);

    // Every module's async functions return watched promises (an unhandled rejection fails the run).
    const { watchAsyncFunctions } = await loadAsyncWatch();
    // Imports resolve only among the spell folder's own modules, relative to the importing file.
    const modules = input.modules ?? {};
    // A refused specifier travels from the normalizer to the loader as a name no file can have (this
    // QuickJS build drops a normalizer's own error), and the loader raises it in the spell.
    runtime.setModuleLoader(
      (name) => {
        // ReferenceError, as QuickJS's own "could not load module".
        if (name.startsWith(REFUSED)) return { error: new ReferenceError(name.slice(REFUSED.length)) };
        const code = modules[name];
        return code === undefined ? { error: new ReferenceError(`cannot import '${name}': not a JavaScript file of the spell folder`) } : watchAsyncFunctions(code);
      },
      (base, requested) => {
        const resolved = resolveImport(base, requested, input.fileName);
        return typeof resolved === 'string' ? resolved : `${REFUSED}${resolved.error.message}`;
      },
    );
    host.started();
    const evaluated = vm.evalCode(watchAsyncFunctions(input.code), input.fileName, { type: 'module', strict: true });
    if (evaluated.error) {
      const error = fromDump(vm.dump(evaluated.error));
      evaluated.error.dispose();
      throw fail(error);
    }
    try {
      this.callPrelude(this.prelude.start, fail, evaluated.value);
    } finally {
      evaluated.value.dispose();
    }
    const resultJson = await runSpellLoop({ runtime, vm, prelude: this.prelude, host, fileName: input.fileName, stopReason: () => this.stopReason, fail });
    return resultJson === undefined ? undefined : (JSON.parse(resultJson) as unknown);
  }

  private callPrelude(fn: QuickJSHandle, fail: (error: VmErrorInfo) => JsRunError, ...args: QuickJSHandle[]): void {
    const result = this.vm.callFunction(fn, this.vm.undefined, ...args);
    if (result.error) {
      const error = fromDump(this.vm.dump(result.error));
      result.error.dispose();
      throw fail(error);
    }
    result.value.dispose();
  }

  close(): void {
    this.runtime.removeInterruptHandler();
    for (const handle of Object.values(this.prelude)) if (handle.alive) handle.dispose();
    try {
      this.vm.dispose();
      this.runtime.dispose();
    } catch {
      // a run cut short may leave handles behind; the process ends right after anyway
    }
  }
}

/** Prefix of a module name that stands for a refused import (module names always start with the spell's folder). */
const REFUSED = '?refused: ';

/**
 * `import './util.js'` from `hello/main.js` → `hello/util.js`. Only relative specifiers that stay
 * inside the entry's folder resolve; anything else (a package name, an absolute path, `../..` out of
 * the folder) is refused with a message naming it.
 */
export function resolveImport(base: string, requested: string, entry: string): string | { error: Error } {
  const root = entry.includes('/') ? entry.slice(0, entry.lastIndexOf('/')) : '';
  if (!requested.startsWith('./') && !requested.startsWith('../')) {
    return { error: new Error(`cannot import '${requested}': a spell imports only its own files, with a path like './util.js'`) };
  }
  const dir = base.includes('/') ? base.slice(0, base.lastIndexOf('/')) : '';
  const parts: string[] = [];
  for (const part of `${dir}/${requested}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return { error: new Error(`cannot import '${requested}': it leaves the spell folder`) };
      parts.pop();
    } else parts.push(part);
  }
  const resolved = parts.join('/');
  if (root && !resolved.startsWith(`${root}/`)) return { error: new Error(`cannot import '${requested}': it leaves the spell folder`) };
  return resolved;
}
