/**
 * `llmspell batch <spell|workflow> --input rows.jsonl|.csv|.json`: every row one sandboxed run of
 * the spell, results as JSON lines in a results file that is also the batch's journal (a re-run
 * resumes). Rows run in this process's queue by default, or on BullMQ workers with `--queue`.
 */
import path from 'node:path';
import { ConfigError, llmspellHome, loadConfig, type LoadedConfig } from '../../config';
import type { BatchExecutor } from '../../batch/run-batch';
import { loadBatchTarget, type BatchTarget } from '../../batch/batch-target';
import { EmbeddedQueue } from '../../batch/embedded-queue';
import { InputFileError, readInputRows } from '../../batch/input-rows';
import { parseRate, RateLimiter, type RateSpec } from '../../batch/rate-limit';
import { parseParamMap } from '../../batch/row-params';
import { runBatch } from '../../batch/run-batch';
import { Supervisor } from '../../host/supervisor';
import { ManifestError } from '../../spells/manifest-problems';
import { SpellNotFound } from '../../spells/resolve-spell';
import { WorkflowFileError } from '../../workflows/workflow-loader';
import { logLevelFlag, parseCommandArgs } from '../args';
import { BatchPrinter } from '../batch-printer';
import type { CliContext, Command } from '../command';
import { openLibrary } from '../open-library';
import { EXIT, UsageError } from '../usage-error';

const usage = `usage: llmspell batch <spell | flow.workflow.yaml> --input rows.jsonl|rows.csv|rows.json
                      [--output results.jsonl] [--concurrency N] [--param-map column=param ...]
                      [--key COLUMN] [--ordered] [--json] [--rerun-failed | --force] [--rate N/s]
                      [--queue redis://host:port [--ship [--sign-key file.key]] [--attempts N]]
                      [--timeout S] [--memory MB] [--provider P] [--model M]
       llmspell batch --status --queue redis://host:port`;

/** Exit code of a batch stopped by Ctrl+C (128 + SIGINT), as shells expect. */
const EXIT_INTERRUPTED = 130;

const options = {
  input: { type: 'string' },
  output: { type: 'string' },
  concurrency: { type: 'string' },
  'param-map': { type: 'string', multiple: true },
  key: { type: 'string' },
  ordered: { type: 'boolean' },
  json: { type: 'boolean' },
  'rerun-failed': { type: 'boolean' },
  force: { type: 'boolean' },
  rate: { type: 'string' },
  queue: { type: 'string' },
  status: { type: 'boolean' },
  ship: { type: 'boolean' },
  'sign-key': { type: 'string' },
  attempts: { type: 'string' },
  timeout: { type: 'string' },
  memory: { type: 'string' },
  provider: { type: 'string' },
  model: { type: 'string' },
} as const;

function positiveInt(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number, got ${text}`, usage);
  return n;
}

/** `rows.csv` → `rows.results.jsonl` beside it. */
export function defaultOutput(input: string): string {
  const ext = path.extname(input);
  return `${ext ? input.slice(0, -ext.length) : input}.results.jsonl`;
}

export const batchCommand: Command = {
  name: 'batch',
  summary: 'run a spell or workflow over every row of a dataset (resumable; --queue for BullMQ workers)',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, options, usage);
    if (values.status) {
      if (!values.queue) throw new UsageError('--status shows a queue\'s progress: add --queue redis://host:port', usage);
      const { printQueueStatus } = await import('./batch-status');
      return printQueueStatus(values.queue, ctx, values.json ?? false);
    }
    const [target, ...extra] = positionals;
    if (!target) throw new UsageError('which spell or workflow? give a spell folder, file or name, or a .workflow.yaml file', usage);
    if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': the parameters come from the --input rows`, usage);
    if (!values.input) throw new UsageError('--input is required: a .jsonl, .csv or .json file with one row per run', usage);
    if (values['rerun-failed'] && values.force) throw new UsageError('--rerun-failed and --force cannot be used together (--force reruns every row)', usage);
    if ((values.ship || values['sign-key'] || values.attempts) && !values.queue) throw new UsageError('--ship, --sign-key and --attempts go with --queue', usage);
    const concurrency = positiveInt(values.concurrency, '--concurrency', 4);
    let paramMap: Map<string, string>;
    let rate: RateSpec | undefined;
    try {
      paramMap = parseParamMap((values['param-map'] as string[] | undefined) ?? []);
      rate = values.rate === undefined ? undefined : parseRate(values.rate);
    } catch (error) {
      throw new UsageError((error as Error).message, usage);
    }

    const prestarted = ctx.prestarted?.splice(0) ?? [];
    let supervisor: Supervisor | undefined;
    try {
      const loaded = loadConfig({
        cwd: ctx.cwd,
        env: ctx.env,
        flags: { timeout: values.timeout, memory: values.memory, provider: values.provider, model: values.model, logLevel: logLevelFlag(values) },
      });
      const batchTarget = loadBatchTarget(target, { cwd: ctx.cwd, library: () => openLibrary(ctx, loaded.config) });
      const inputPath = path.resolve(ctx.cwd, values.input);
      const rows = readInputRows(inputPath, values.input);
      const output = path.resolve(ctx.cwd, values.output ?? defaultOutput(values.input));
      const printer = new BatchPrinter({ stdout: ctx.stdout, stderr: ctx.stderr, json: values.json ?? false, tty: Boolean((ctx.stderr as NodeJS.WriteStream).isTTY) });

      let executor: BatchExecutor;
      let forget: ((ids: string[]) => Promise<void>) | undefined;
      let closeExecutor: (() => Promise<void>) | undefined;
      if (values.queue) {
        const { RedisExecutor } = await import('../../batch/redis/redis-executor');
        const redis = await RedisExecutor.connect(values.queue, {
          target: batchTarget,
          provider: loaded.config.provider,
          input: values.input,
          attempts: positiveInt(values.attempts, '--attempts', 3),
          ...(rate ? { rate } : {}),
          ...(values.ship ? { ship: { ...(values['sign-key'] ? { signKey: path.resolve(ctx.cwd, values['sign-key']) } : {}) } } : {}),
        }).catch((error: Error) => {
          // A bad URL, an unreachable server, a spell that cannot be shipped: the user's to fix.
          throw new UsageError(error.message, usage);
        });
        executor = redis;
        forget = (ids) => redis.forget(ids);
        closeExecutor = () => redis.close();
      } else {
        prestarted.splice(0).forEach((engine) => engine.kill('SIGKILL'));
        supervisor = new Supervisor({ poolSize: Math.min(concurrency, 8), refillPool: true });
        executor = embedded(batchTarget, loaded, ctx, supervisor, concurrency, rate);
      }

      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const summary = await runBatch({
          target: batchTarget,
          rows,
          paramMap,
          keyColumn: values.key ?? 'id',
          output,
          ...(values['rerun-failed'] ? { rerunFailed: true } : {}),
          ...(values.force ? { force: true } : {}),
          ...(values.ordered ? { ordered: true } : {}),
          executor,
          signal: controller.signal,
          onEvent: printer.onEvent,
          ...(forget ? { forget } : {}),
        });
        if (summary.staleDropped > 0 && !values.json) ctx.stderr.write(`(${summary.staleDropped} result line(s) of another spell version or input were removed from ${values.output ?? defaultOutput(values.input)})\n`);
        if (summary.interrupted) return EXIT_INTERRUPTED;
        return summary.failedRows > 0 ? EXIT.failed : EXIT.ok;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await closeExecutor?.();
      }
    } catch (error) {
      throw usageFor(error);
    } finally {
      await supervisor?.close();
      for (const engine of prestarted) engine.kill('SIGKILL');
    }
  },
};

function embedded(target: BatchTarget, loaded: LoadedConfig, ctx: CliContext, supervisor: Supervisor, concurrency: number, rate: RateSpec | undefined): BatchExecutor {
  let noticed = false;
  const limiter = rate ? new RateLimiter(rate) : undefined;
  return new EmbeddedQueue(
    target,
    {
      loaded,
      home: llmspellHome(ctx.env),
      supervisor,
      ...(limiter ? { llmGate: limiter.acquire } : {}),
      // The mock-provider notice once for the batch, not once per row.
      notice: (text) => {
        if (!noticed) ctx.stderr.write(`${text}\n`);
        noticed = true;
      },
    },
    concurrency,
  );
}

function usageFor(error: unknown): unknown {
  if (error instanceof ConfigError) return new UsageError(`invalid configuration:\n${error.message}`, usage);
  if (error instanceof SpellNotFound || error instanceof InputFileError) return new UsageError(error.message, usage);
  if (error instanceof ManifestError) return new UsageError(`invalid manifest:\n${error.message}`);
  if (error instanceof WorkflowFileError) return new UsageError(`invalid workflow:\n${error.message}`);
  return error;
}
