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
  /** Lists a provider's models with the form's values: the connection works, or why not. */
  testProvider(input: StudioInput<'settings.testProvider'>): Promise<{ ok: true; models: string[] } | { ok: false; message: string }>;
}

/** Settings as the host shows them: providers (with `hasKey`, never a key), limits, library folders. */
export function createSettingsStore(client: StudioClient) {
  return create<SettingsState>()((set, get) => {
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
      async saveProvider(input) {
        const before = get().view?.providers.find((p) => p.name === input.name);
        const ok = await change(() => client.call('settings.setProvider', input), `Saved ${input.name}.`);
        const after = get().view?.providers.find((p) => p.name === input.name);
        // The host drops a saved key when the URL changes: tell the user why the key is gone.
        if (ok && before?.hasKey && after && !after.hasKey && !input.apiKey) {
          set({ notice: `Saved ${input.name}. Its key was removed because the URL changed: enter the key for the new URL.` });
        }
        return ok;
      },
      testProvider: (input) =>
        client.call('settings.testProvider', input).catch((error: unknown) => ({ ok: false as const, message: error instanceof Error ? error.message : String(error) })),
      update: (input) => change(() => client.call('settings.update', input), 'Saved.'),
    };
  });
}
