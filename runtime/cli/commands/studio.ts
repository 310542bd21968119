import path from 'node:path';
import { ConfigError, llmspellHome, loadConfig } from '../../config';
import { Supervisor } from '../../host/supervisor';
import { defaultRendererDir } from '../../server/static-files';
import { startStudioServer } from '../../server/studio-server';
import { createStudio } from '../../studio/create-studio';
import { FileSecretStore } from '../../studio/secret-store';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../usage-error';

const usage = 'usage: llmspell studio [--port N]';

/**
 * `llmspell studio`: the browser studio. Serves the renderer and the Studio API on 127.0.0.1 behind
 * a per-launch token, prints exactly one line (the URL, token included) on stdout once ready, and
 * runs until SIGINT or SIGTERM, then stops every run and engine process.
 */
export const studioCommand: Command = {
  name: 'studio',
  summary: 'open the studio in a browser: prints its URL (with an access token)',
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, { port: { type: 'string' } }, usage);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a port number 0..65535, got '${values.port}'`, usage);
    const home = llmspellHome(ctx.env);
    let poolSize: number;
    try {
      poolSize = loadConfig({ cwd: ctx.cwd, env: ctx.env, home }).config.pool.size;
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(`invalid configuration:\n${error.message}`);
      throw error;
    }
    const log = (line: string) => ctx.stderr.write(`llmspell studio: ${line}\n`);
    const secrets = await FileSecretStore.open(path.join(home, 'secrets.json'));
    const supervisor = new Supervisor({ poolSize });
    const studio = createStudio({ home, cwd: ctx.cwd, env: ctx.env, supervisor, secrets, log });
    let server;
    try {
      server = await startStudioServer({ studio, port, rendererDir: defaultRendererDir(), log });
    } catch (error) {
      await studio.close();
      await supervisor.close();
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`--port: port ${port} is already in use`, usage);
      throw error;
    }
    ctx.stdout.write(`${server.url}\n`);
    // The handler stays until cleanup ends: a second Ctrl+C (the terminal's, then a parent's) must not
    // kill the host before its engine processes are stopped and its history is written.
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    try {
      await stopped;
      await server.close();
      await studio.close();
      await supervisor.close();
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return EXIT.ok;
  },
};
