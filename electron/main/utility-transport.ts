import { utilityProcess, type UtilityProcess } from 'electron';
import { TailBuffer, type EngineProcess, type EngineSpawnOptions, type EngineTransport } from '../../runtime/host/transport';

/**
 * Engine processes as Electron utility processes: the same engine-process entry the CLI forks with
 * child_process, here started by `utilityProcess.fork` (sandboxed by Chromium's process model, and
 * shown in the task manager under its service name).
 */
export class UtilityProcessTransport implements EngineTransport {
  spawn(options: EngineSpawnOptions): EngineProcess {
    const child: UtilityProcess = utilityProcess.fork(options.entry, [], {
      env: options.env,
      execArgv: options.execArgv,
      serviceName: options.serviceName,
      // stdin must be ignored for utility processes; stderr is kept for crash reports.
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const stderr = new TailBuffer();
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    let exited = false;
    const exitListeners: ((info: { code: number | null; signal: string | null }) => void)[] = [];
    child.on('exit', (code) => {
      exited = true;
      // Electron reports no signal; a kill shows as a non-zero code.
      for (const listener of exitListeners) listener({ code, signal: null });
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (!exited) child.postMessage(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => exitListeners.push(listener),
      stderrTail: () => stderr.toString(),
      kill: () => {
        if (!exited) child.kill();
      },
    };
  }
}
