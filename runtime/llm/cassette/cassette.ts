import { LlmError } from '../llm-error';
import type { LlmProvider, LlmRequest, LlmResult } from '../types';
import { readCassette, writeCassette, type Exchange } from './cassette-file';
import { requestKey } from './request-key';

/**
 * A run's cassette. In `record` mode it wraps each real provider and keeps every exchange; in
 * `replay` mode it answers every call from the file, in recorded order per request, and never
 * touches the network. A request the cassette does not hold is an error, and is counted in
 * `misses` so the run can fail loudly even if the spell ignores the error.
 */
export class Cassette {
  private readonly recorded: Exchange[] = [];
  private readonly queues = new Map<string, Exchange[]>();
  readonly misses: string[] = [];
  private bytes = 0;
  /** A recording grew past its `maxBytes`: it keeps nothing more and is not saved. */
  overflowed = false;

  private constructor(
    readonly mode: 'record' | 'replay',
    readonly file: string,
    private readonly maxBytes = Infinity,
    /** runSpell saves a recording when the run ends; `false`: its owner saves it. */
    readonly saveOnEnd = true,
  ) {}

  /** Records into `file`; past `maxBytes` of JSON the recording is dropped (a replay needs all of it). */
  static record(file: string, options: { maxBytes?: number; saveOnEnd?: boolean } = {}): Cassette {
    return new Cassette('record', file, options.maxBytes, options.saveOnEnd);
  }

  /** Exchanges recorded so far. */
  get size(): number {
    return this.recorded.length;
  }

  static replay(file: string): Cassette {
    const cassette = new Cassette('replay', file);
    for (const exchange of readCassette(file).exchanges) {
      const queue = cassette.queues.get(exchange.key) ?? [];
      queue.push(exchange);
      cassette.queues.set(exchange.key, queue);
    }
    return cassette;
  }

  /** The provider the LLM service should use in place of `real`. */
  wrap(real: LlmProvider): LlmProvider {
    return this.mode === 'record' ? this.recording(real) : this.replaying(real);
  }

  /** Writes what was recorded (record mode only); an overflowed recording writes nothing. */
  async save(): Promise<void> {
    if (this.mode === 'record' && !this.overflowed) await writeCassette(this.file, this.recorded);
  }

  private recording(real: LlmProvider): LlmProvider {
    const keep = (kind: Exchange['kind'], request: LlmRequest | undefined, result: unknown, chunks?: string[]) => {
      if (this.overflowed) return;
      const exchange: Exchange = { kind, key: requestKey(kind, request), request: request ?? {}, result, ...(chunks ? { chunks } : {}) };
      if (Number.isFinite(this.maxBytes)) {
        this.bytes += JSON.stringify(exchange).length;
        if (this.bytes > this.maxBytes) {
          this.overflowed = true;
          this.recorded.length = 0; // half a cassette cannot replay: free it
          return;
        }
      }
      this.recorded.push(exchange);
    };
    return {
      name: real.name,
      defaultModel: real.defaultModel,
      chat: async (request, signal) => {
        const result = await real.chat(request, signal);
        keep('chat', request, result);
        return result;
      },
      stream: async (request, onChunk, signal) => {
        const chunks: string[] = [];
        const result = await real.stream(request, (chunk) => (chunks.push(chunk), onChunk(chunk)), signal);
        keep('stream', request, result, chunks);
        return result;
      },
      listModels: async (signal) => {
        const models = await real.listModels(signal);
        keep('models', undefined, models);
        return models;
      },
    };
  }

  private replaying(real: LlmProvider): LlmProvider {
    const take = (kind: Exchange['kind'], request: LlmRequest | undefined): Exchange => {
      const exchange = this.queues.get(requestKey(kind, request))?.shift();
      if (exchange) return exchange;
      const last = request?.messages.at(-1)?.content ?? '';
      const what = `${kind} request${last ? ` ending "${last.slice(0, 60)}"` : ''}`;
      this.misses.push(what);
      throw new LlmError(`cassette ${this.file} has no recorded answer for this ${what}; record it again with --record`, 'config', real.name);
    };
    return {
      name: real.name,
      defaultModel: real.defaultModel,
      chat: async (request) => take('chat', request).result as LlmResult,
      stream: async (request, onChunk) => {
        const exchange = take('stream', request);
        for (const chunk of exchange.chunks ?? []) onChunk(chunk);
        return exchange.result as LlmResult;
      },
      listModels: async () => take('models', undefined).result as string[],
    };
  }
}
