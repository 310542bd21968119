import { create } from 'zustand';
import type { ConsentGrant, ConsentRequest } from '../../runtime/contract/consent';
import type { StudioClient } from '../../runtime/contract/studio-api';

/** The question the consent dialog asks: install an uploaded bundle, or let an installed spell run. */
export type ConsentPrompt =
  | { kind: 'install'; uploadId: string; fileName: string; request: ConsentRequest; replaces?: string; unchanged: boolean }
  | { kind: 'run'; path: string; request: ConsentRequest; status: 'changed' | 'revoked' | 'none' };

export interface ConsentState {
  prompt: ConsentPrompt | null;
  busy: boolean;
  /** What the last import or export did, or why it failed (shown in the library). */
  notice: { text: string; error: boolean } | null;
  grants: ConsentGrant[] | null;
  grantsError: string | null;
  /** Uploads a picked or dropped `.spell` file and asks whether to install it. */
  importFile(file: File): Promise<void>;
  /** Resolves true when the spell may run now: it needs no approval, has one, or the user gives one. */
  ensure(path: string): Promise<boolean>;
  approve(): Promise<void>;
  decline(): Promise<void>;
  /** The spell as a `.spell` bundle (bytes and name), or undefined after a failure (see `notice`). */
  exportSpell(path: string): Promise<{ fileName: string; bytes: Uint8Array; signedBy?: string } | undefined>;
  loadGrants(): Promise<void>;
  revoke(name: string, version: string): Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Bytes as base64, a chunk at a time (a spread of 4 MB of arguments would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** Base64 back to bytes. */
export function fromBase64(data: string): Uint8Array {
  const text = atob(data);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Install and consent in the page: the host checks every bundle and every approval (the dialog only
 * shows the host's own description of what a spell may do); declining installs or runs nothing.
 */
export function createConsentStore(client: StudioClient, onInstalled: (path: string) => void = () => {}) {
  // The run waiting for the user's answer, resolved by approve or decline.
  let answer: ((ok: boolean) => void) | undefined;
  return create<ConsentState>()((set, get) => {
    const settle = (ok: boolean) => {
      const resolve = answer;
      answer = undefined;
      set({ prompt: null, busy: false });
      resolve?.(ok);
    };
    return {
      prompt: null,
      busy: false,
      notice: null,
      grants: null,
      grantsError: null,

      async importFile(file) {
        if (get().prompt) return;
        set({ busy: true, notice: null });
        try {
          const data = toBase64(new Uint8Array(await file.arrayBuffer()));
          const offered = await client.call('bundles.upload', { fileName: file.name, data });
          set({ busy: false, prompt: { kind: 'install', fileName: file.name, uploadId: offered.uploadId, request: offered.request, unchanged: offered.unchanged, ...(offered.replaces ? { replaces: offered.replaces } : {}) } });
        } catch (error) {
          set({ busy: false, notice: { text: `Cannot import ${file.name}: ${messageOf(error)}`, error: true } });
        }
      },

      async ensure(path) {
        const check = await client.call('consent.check', { path });
        if (!check.required || check.granted || !check.request) return true;
        answer?.(false);
        const request = check.request;
        const status = check.status === 'granted' || !check.status ? 'none' : check.status;
        return new Promise<boolean>((resolve) => {
          answer = resolve;
          set({ prompt: { kind: 'run', path, request, status }, busy: false });
        });
      },

      async approve() {
        const prompt = get().prompt;
        if (!prompt || get().busy) return;
        set({ busy: true });
        try {
          if (prompt.kind === 'install') {
            const done = await client.call('bundles.install', { uploadId: prompt.uploadId, fingerprint: prompt.request.fingerprint });
            const verb = done.status === 'replaced' ? `Installed ${done.spell.name} ${done.spell.version} (replaced ${prompt.replaces ?? 'the earlier copy'})` : `Installed ${done.spell.name} ${done.spell.version}`;
            set({ notice: { text: `${verb}.`, error: false } });
            settle(true);
            onInstalled(done.spell.path);
          } else {
            await client.call('consent.grant', { path: prompt.path, fingerprint: prompt.request.fingerprint });
            settle(true);
          }
          if (get().grants) void get().loadGrants();
        } catch (error) {
          set({ notice: { text: messageOf(error), error: true } });
          settle(false);
        }
      },

      async decline() {
        const prompt = get().prompt;
        if (!prompt) return;
        if (prompt.kind === 'install') {
          set({ notice: { text: `Declined: ${prompt.request.name} ${prompt.request.version} was not installed.`, error: false } });
          await client.call('bundles.discard', { uploadId: prompt.uploadId }).catch(() => undefined);
        }
        settle(false);
      },

      async exportSpell(path) {
        set({ notice: null });
        try {
          const bundle = await client.call('bundles.export', { path });
          const signed = bundle.signedBy ? `signed by key ${bundle.signedBy.slice(0, 16)}` : 'unsigned (no signing key: run llmspell keygen)';
          set({ notice: { text: `Exported ${bundle.fileName}, ${signed}.`, error: false } });
          return { fileName: bundle.fileName, bytes: fromBase64(bundle.data), ...(bundle.signedBy ? { signedBy: bundle.signedBy } : {}) };
        } catch (error) {
          set({ notice: { text: messageOf(error), error: true } });
          return undefined;
        }
      },

      async loadGrants() {
        try {
          set({ grants: await client.call('consent.list', {}), grantsError: null });
        } catch (error) {
          set({ grantsError: messageOf(error) });
        }
      },

      async revoke(name, version) {
        try {
          set({ grants: await client.call('consent.revoke', { name, version }), grantsError: null });
        } catch (error) {
          set({ grantsError: messageOf(error) });
        }
      },
    };
  });
}
