/**
 * The engine process's side of its carrier: Electron's `process.parentPort` when forked by
 * `utilityProcess`, Node's IPC channel when forked by `child_process.fork`.
 */
export interface ParentPort {
  /** `onSent` runs once the message left this process (Node's IPC writes asynchronously). */
  send(message: unknown, onSent?: () => void): void;
  onMessage(listener: (message: unknown) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectParentPort(): ParentPort {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      // postMessage hands the message over before it returns.
      send: (message, onSent) => (electronPort.postMessage(message), onSent && setImmediate(onSent)),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data)),
    };
  }
  if (!process.send) throw new Error('the engine process must be started by the llmspell host');
  // An engine process never outlives its host: when the IPC channel closes, leave.
  process.on('disconnect', () => process.exit(0));
  return {
    // The callback also runs with an error when the channel is gone: either way nothing is left to wait for.
    send: (message, onSent) => void process.send?.(message, undefined, undefined, onSent && (() => onSent())),
    onMessage: (listener) => process.on('message', listener),
  };
}
