/**
 * `llmspell worker --queue redis://host:port [--concurrency N]`: runs batch rows from a BullMQ queue
 * until Ctrl+C (or SIGTERM), which lets the running rows finish first. Start any number, anywhere.
 */
import { ConfigError, llmspellHome, loadConfig } from '../../config';
import { createLlmService } from '../../llm';
import { Supervisor } from '../../host/supervisor';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { openLibrary } from '../open-library';
import { EXIT, UsageError } from '../usage-error';

const usage = `usage: llmspell worker --queue redis://host:port [--concurrency N] [--provider P ...]
                       [--allow-unsigned] [--lock-timeout S]`;

export const workerCommand: Command = {
  name: 'worker',
  summary: 'run batch rows from a BullMQ queue (llmspell batch --queue); start as many as you like',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        queue: { type: 'string' },
        concurrency: { type: 'string' },
        provider: { type: 'string', multiple: true },
        'allow-unsigned': { type: 'boolean' },
        'lock-timeout': { type: 'string' },
      },
      usage,
    );
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`, usage);
    if (!values.queue) throw new UsageError('--queue is required: the Redis URL the batch was sent to, like redis://127.0.0.1:6379', usage);
    const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency must be a positive whole number, got ${values.concurrency}`, usage);
    const lockSeconds = values['lock-timeout'] === undefined ? 30 : Number(values['lock-timeout']);
    if (!(lockSeconds >= 1)) throw new UsageError(`--lock-timeout must be at least 1 second, got ${values['lock-timeout']}`, usage);

    let loaded;
    try {
      loaded = loadConfig({ cwd: ctx.cwd, env: ctx.env });
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(`invalid configuration:\n${error.message}`, usage);
      throw error;
    }
    // Without --provider, every provider this machine can reach (keys stay here; jobs name the provider).
    const { config } = loaded;
    const available = createLlmService({ settings: { providers: config.providers, llm: config.llm }, env: ctx.env })
      .listProviders()
      .filter((p) => p.available)
      .map((p) => p.name);
    const providers = (values.provider as string[] | undefined) ?? available;
    const home = llmspellHome(ctx.env);
    for (const engine of ctx.prestarted?.splice(0) ?? []) engine.kill('SIGKILL');
    const supervisor = new Supervisor({ poolSize: Math.min(concurrency, 8), refillPool: true });
    const { BatchWorker } = await import('../../batch/redis/batch-worker');
    let worker;
    try {
      worker = await BatchWorker.start({
        url: values.queue,
        concurrency,
        providers,
        cwd: ctx.cwd,
        env: ctx.env,
        home,
        library: () => openLibrary(ctx, config),
        supervisor,
        allowUnsigned: values['allow-unsigned'] ?? false,
        lockMs: Math.round(lockSeconds * 1000),
        log: (line) => ctx.stderr.write(`${line}\n`),
      });
    } catch (error) {
      await supervisor.close();
      throw new UsageError((error as Error).message, usage);
    }
    ctx.stderr.write(`worker ${process.pid} ready: ${providers.join(', ')} on ${values.queue}, ${concurrency} at once\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    ctx.stderr.write('stopping: finishing the rows in progress\n');
    await worker.close();
    await supervisor.close();
    return EXIT.ok;
  },
};
