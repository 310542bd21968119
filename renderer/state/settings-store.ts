import { create } from 'zustand';
import type { SettingsView, StudioClient, StudioInput } from '../../runtime/contract/studio-api';

export interface SettingsState {
  view: SettingsView | null;
  busy: boolean;
  error: string | null;
  /** A short confirmation after a successful save (`Saved openai`). */
  notice: string | null;
  load(): Promise<void>;
  /** Saves a provider; an API key goes to the host and is never read back. */
  saveProvider(input: StudioInput<'settings.setProvider'>): Promise<boolean>;
  update(input: StudioInput<'settings.update'>): Promise<boolean>;
}

/** Settings as the host shows them: providers (with `hasKey`, never a key), limits, library folders. */
export function createSettingsStore(client: StudioClient) {
  return create<SettingsState>()((set) => {
    async function change(work: () => Promise<SettingsView>, notice: string): Promise<boolean> {
      set({ busy: true, error: null, notice: null });
      try {
        set({ view: await work(), busy: false, notice });
        return true;
      } catch (error) {
        set({ busy: false, error: error instanceof Error ? error.message : String(error) });
        return false;
      }
    }
    return {
      view: null,
      busy: false,
      error: null,
      notice: null,
      async load() {
        try {
          set({ view: await client.call('settings.get', {}), error: null });
        } catch (error) {
          set({ error: error instanceof Error ? error.message : String(error) });
        }
      },
      saveProvider: (input) => change(() => client.call('settings.setProvider', input), `Saved ${input.name}.`),
      update: (input) => change(() => client.call('settings.update', input), 'Saved.'),
    };
  });
}
