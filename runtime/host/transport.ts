/**
 * The carrier of an engine process, behind one small interface: `node-fork-transport.ts` uses
 * child_process.fork (CLI, browser studio, tests); electron/main/utility-transport.ts uses Electron's
 * utilityProcess.fork. The supervisor sees only this.
 */
export interface EngineSpawnOptions {
  /** Absolute path of the bundled engine-process entry. */
  entry: string;
  /** The complete environment of the process (already scrubbed). */
  env: Record<string, string>;
  execArgv: string[];
  /** A name for the process in task managers. */
  serviceName: string;
}

export interface ExitInfo {
  code: number | null;
  signal: string | null;
}

export interface EngineProcess {
  readonly pid: number | undefined;
  /** Delivered in order; a message sent while the process boots waits in the channel until the engine listens. */
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (info: ExitInfo) => void): void;
  /** Last lines the process wrote to stderr (a crash's own words). */
  stderrTail(): string;
  kill(signal?: 'SIGTERM' | 'SIGKILL'): void;
}

export interface EngineTransport {
  spawn(options: EngineSpawnOptions): EngineProcess;
}

/** Keeps the last `max` characters written to a stream. */
export class TailBuffer {
  private text = '';
  constructor(private readonly max = 4096) {}
  push(chunk: string): void {
    this.text = (this.text + chunk).slice(-this.max);
  }
  toString(): string {
    return this.text;
  }
}
