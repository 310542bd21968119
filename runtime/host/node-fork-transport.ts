import { fork } from 'node:child_process';
import { TailBuffer, type EngineProcess, type EngineSpawnOptions, type EngineTransport } from './transport';

/** Engine processes as `child_process.fork` children with an IPC channel. */
export class NodeForkTransport implements EngineTransport {
  spawn(options: EngineSpawnOptions): EngineProcess {
    const child = fork(options.entry, [], {
      env: options.env,
      // Explicit execArgv: never inherit the host's (a test runner's loaders, --inspect, ...).
      execArgv: options.execArgv,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const stderr = new TailBuffer();
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => stderr.push(chunk));
    // A send racing the child's death must not crash the host.
    child.on('error', () => {});
    return {
      pid: child.pid,
      send: (message) => {
        if (child.connected) child.send(message as object, (error) => void error);
      },
      onMessage: (listener) => child.on('message', listener),
      // 'close', not 'exit': 'exit' can come before the last IPC messages (the `done` of a spell that
      // just finished) are read from the channel, and the run would look like a crash.
      onExit: (listener) => child.on('close', (code, signal) => listener({ code, signal })),
      stderrTail: () => stderr.toString(),
      kill: (signal = 'SIGKILL') => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      },
    };
  }
}
