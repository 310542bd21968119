import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';
import type { EngineHost } from '../engine';

/**
 * The few functions the prelude gets from the engine process, as one VM object (handed to the prelude
 * function, never put on the spell's global object). They take and return strings and numbers only:
 * no host object or function with a host prototype ever enters the VM, and nothing here throws into
 * the VM with a host stack.
 */
export function createHostObject(vm: QuickJSContext, host: () => EngineHost): QuickJSHandle {
  // Only accept strings: calling getString on an object would run the spell's toString re-entrantly.
  const str = (h: QuickJSHandle | undefined): string => (h !== undefined && vm.typeof(h) === 'string' ? vm.getString(h) : '');
  const num = (h: QuickJSHandle | undefined): number => (h !== undefined && vm.typeof(h) === 'number' ? vm.getNumber(h) : NaN);
  const fns: Record<string, (...args: QuickJSHandle[]) => QuickJSHandle | void> = {
    write: (stream, text) => void host().write(str(text), str(stream) === 'stderr' ? 'stderr' : 'stdout'),
    call: (method, argsJson) => vm.newNumber(host().call(str(method), JSON.parse(str(argsJson) || '[]') as unknown[])),
    cancel: (id) => void host().cancel(num(id)),
    now: () => vm.newNumber(host().now()),
    log: (level, message, fieldsJson) => void host().log(str(level), str(message), str(fieldsJson) || '{}'),
    notify: (name, dataJson) => void host().notify(str(name), str(dataJson) || '{}'),
    jsonError: (text) => vm.newString(host().jsonDecode(str(text)).error ?? 'invalid JSON'),
  };
  const object = vm.newObject();
  for (const [name, fn] of Object.entries(fns)) {
    // Distinctive names, so a test walking the spell's globals can tell none of these is reachable.
    const handle = vm.newFunction(`__llmspell_host_${name}`, (...args) => {
      try {
        return fn(...args);
      } catch (error) {
        return { error: vm.newError({ name: 'InternalError', message: `host ${name} failed: ${(error as Error).message}` }) };
      }
    });
    vm.setProp(object, name, handle);
    handle.dispose();
  }
  return object;
}
