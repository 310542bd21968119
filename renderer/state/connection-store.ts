import { create } from 'zustand';
import type { ConnectionState } from '../ipc/client';

export interface ConnectionStoreState {
  state: ConnectionState;
  /** True once the first connection opened: a later `open` is a reconnection. */
  everOpen: boolean;
  set(state: ConnectionState): void;
}

/** The link to the host, for the status bar and the "reconnecting" banner. */
export function createConnectionStore() {
  return create<ConnectionStoreState>()((set, get) => ({
    state: 'connecting',
    everOpen: false,
    set: (state) => set({ state, everOpen: get().everOpen || state === 'open' }),
  }));
}
