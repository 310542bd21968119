import type { Diagnostic, SpellSummary, StudioClient } from '../../runtime/contract/studio-api';
import { createDebouncer } from './debouncer';
import { isDirty, type EditorFile } from './editor-files';

/** Timing of the debounced host calls, in ms. */
export interface EditorTiming {
  recoveryMs: number;
  diagnoseMs: number;
}

/** What the background work reads from and writes to the editor store. */
export interface EditorAccess {
  spell(): SpellSummary | null;
  file(name: string): EditorFile | undefined;
  setDiagnostics(name: string, found: Diagnostic[]): void;
  reportError(text: string): void;
}

/** The editor's debounced host calls: diagnostics after a pause, recovery copies of unsaved drafts. */
export interface EditorBackground {
  diagnoseLater(name: string, ms?: number): void;
  /** Keeps a recovery copy of a dirty draft (or drops it once the draft matches the disk again). */
  keepRecovery(name: string): void;
  cancelRecovery(name: string): void;
  /** Sends pending recovery copies now. */
  flushRecovery(names: readonly string[]): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Creates the background work of one editor store. */
export function createEditorBackground(client: StudioClient, timing: EditorTiming, access: EditorAccess): EditorBackground {
  const timers = createDebouncer();
  const diagnoseSeqs = new Map<string, number>();
  return {
    diagnoseLater(name, ms = timing.diagnoseMs) {
      const spell = access.spell();
      if (!spell) return;
      const seq = (diagnoseSeqs.get(name) ?? 0) + 1;
      diagnoseSeqs.set(name, seq);
      timers.schedule(`diagnose:${name}`, ms, () => {
        const f = access.file(name);
        if (!f || access.spell()?.path !== spell.path) return;
        client.call('files.diagnose', { path: spell.path, file: name, content: f.draft }).then(
          (found) => {
            // Drop answers that a newer edit or another spell has overtaken.
            if (seq === diagnoseSeqs.get(name) && access.spell()?.path === spell.path) access.setDiagnostics(name, found);
          },
          () => undefined, // diagnostics are advisory: a failed check leaves the old markers
        );
      });
    },
    keepRecovery(name) {
      const spell = access.spell();
      if (!spell) return;
      timers.schedule(`recovery:${name}`, timing.recoveryMs, () => {
        const f = access.file(name);
        if (!f || access.spell()?.path !== spell.path) return;
        const call = isDirty(f)
          ? client.call('files.saveRecovery', { path: spell.path, file: name, content: f.draft })
          : client.call('files.discardRecovery', { path: spell.path, file: name });
        call.catch((error: unknown) => access.reportError(`Could not keep a recovery copy of ${name}: ${message(error)}`));
      });
    },
    cancelRecovery: (name) => timers.cancel(`recovery:${name}`),
    flushRecovery(names) {
      for (const name of names) timers.flush(`recovery:${name}`);
    },
  };
}
