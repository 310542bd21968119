import type { StudioEvent, StudioEventData } from '../contract/studio-api';

/** One pushed event, as every transport forwards it. */
export interface StudioEventMessage<E extends StudioEvent = StudioEvent> {
  event: E;
  data: StudioEventData<E>;
}

/** Receives every event the studio pushes (runs, library changes). */
export type StudioEventListener = (message: StudioEventMessage) => void;

/**
 * The studio's event fan-out: services emit, transports (each WebSocket, the Electron window)
 * subscribe. A failing listener never breaks the emitter or the other listeners.
 */
export class StudioEvents {
  private readonly listeners = new Set<StudioEventListener>();

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: StudioEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends StudioEvent>(event: E, data: StudioEventData<E>): void {
    for (const listener of this.listeners) {
      try {
        listener({ event, data } as StudioEventMessage);
      } catch {
        // A transport's bug (a closed socket) must not stop a run's other listeners.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
