import type { StudioClient, StudioEvent, StudioEventData, StudioInput, StudioMethod, StudioOutput } from '../../runtime/contract/studio-api';

type Handler<M extends StudioMethod> = (input: StudioInput<M>) => StudioOutput<M> | Promise<StudioOutput<M>>;

/** A StudioClient for store tests: scripted answers per method, every call recorded, events pushed by hand. */
export class FakeClient implements StudioClient {
  readonly calls: { method: StudioMethod; input: unknown }[] = [];
  private readonly handlers = new Map<StudioMethod, Handler<never>>();
  private readonly listeners = new Map<StudioEvent, Set<(data: never) => void>>();

  /** Answers `method` with `handler` from now on. */
  handle<M extends StudioMethod>(method: M, handler: Handler<M>): this {
    this.handlers.set(method, handler as Handler<never>);
    return this;
  }

  async call<M extends StudioMethod>(method: M, input: StudioInput<M>): Promise<StudioOutput<M>> {
    this.calls.push({ method, input });
    const handler = this.handlers.get(method) as Handler<M> | undefined;
    if (!handler) throw Object.assign(new Error(`no fake answer for ${method}`), { code: 'unhandled' });
    return handler(input);
  }

  on<E extends StudioEvent>(event: E, listener: (data: StudioEventData<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (data: never) => void);
    return () => set.delete(listener as (data: never) => void);
  }

  emit<E extends StudioEvent>(event: E, data: StudioEventData<E>): void {
    this.listeners.get(event)?.forEach((l) => (l as (d: StudioEventData<E>) => void)(data));
  }

  /** Inputs of the recorded calls of one method. */
  inputs<M extends StudioMethod>(method: M): StudioInput<M>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input as StudioInput<M>);
  }
}

/** A spell summary with defaults. */
export function summary(over: Partial<StudioOutput<'library.create'>> = {}): StudioOutput<'library.create'> {
  return { path: '/lib/hello', name: 'hello', version: '0.1.0', description: 'Greets', tags: ['example'], engine: 'lua', parameters: [], folder: '/lib', ...over };
}
