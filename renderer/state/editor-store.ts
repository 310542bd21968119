import { create } from 'zustand';
import type { Diagnostic, SpellSummary, StudioClient } from '../../runtime/contract/studio-api';
import { createEditorBackground, type EditorTiming } from './editor-background';
import { fromOpened, isDirty, loadFromDisk, markSaved, recoveryOffers, resolveFileName, setDraft, staleRecoveries, type EditorFile, type RecoveryOffer } from './editor-files';

/** A request to show a line in the editor (from an error link); `seq` makes each one new. */
export interface RevealRequest {
  file: string;
  line: number;
  column?: number;
  seq: number;
}

export interface EditorState {
  spell: SpellSummary | null;
  files: EditorFile[];
  active: string | null;
  /** Unsaved edits found after a reload or crash, waiting for Restore or Discard. */
  offers: RecoveryOffer[];
  /** A file whose save was refused because it changed on disk. */
  conflict: string | null;
  diagnostics: Record<string, Diagnostic[]>;
  /** The last run's error, marked on its line until that file is edited or another run starts. */
  runErrors: Record<string, Diagnostic[]>;
  /** Failed test assertions, marked on their lines in the test files until the file is edited or the tests run again. */
  testErrors: Record<string, Diagnostic[]>;
  reveal: RevealRequest | null;
  opening: boolean;
  error: string | null;
  open(path: string): Promise<void>;
  /** Closes the spell (after a delete or rename); pending recovery copies are sent first. */
  close(): void;
  select(file: string): void;
  edit(file: string, content: string): void;
  save(file?: string, options?: { overwrite?: boolean }): Promise<boolean>;
  saveAll(): Promise<boolean>;
  reloadFromDisk(file: string): Promise<void>;
  restore(file: string): void;
  discard(file: string): Promise<void>;
  revealLine(fileRef: string, line: number, column?: number): void;
  /** Marks a run's error on its line (`main.lua:3`), or clears the marks with `null`. */
  markRunError(error: { file: string; line: number; message: string } | null): void;
  /** Marks failed tests on their lines (`tests/a.test.lua:7`), replacing the earlier marks. */
  markTestFailures(failures: { file: string; line: number; column?: number; message: string }[]): void;
  /** Sends pending recovery copies now (before switching spells or leaving the page). */
  flushRecovery(): void;
  dismissError(): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const code = (error: unknown) => (typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '');
/** The host refuses a save whose baseMtime is stale; its code names the conflict. */
const isConflict = (error: unknown) => /stale|conflict|changed|mtime|modified/i.test(`${code(error)} ${message(error)}`);

/**
 * The editor's store: the open spell's files with drafts, saving with baseMtime, recovery copies
 * (kept on the host while a draft differs from the disk, offered back on open) and diagnostics.
 */
export function createEditorStore(client: StudioClient, timing: EditorTiming = { recoveryMs: 500, diagnoseMs: 300 }) {
  let revealSeq = 0;

  return create<EditorState>()((set, get) => {
    const file = (name: string) => get().files.find((f) => f.name === name);
    const background = createEditorBackground(client, timing, {
      spell: () => get().spell,
      file,
      setDiagnostics: (name, found) => set({ diagnostics: { ...get().diagnostics, [name]: found } }),
      reportError: (error) => set({ error }),
    });
    const { diagnoseLater, keepRecovery } = background;
    /** Writes a file's draft with the mtime it was read at (the host refuses it if the disk changed since). */
    const saveNow = async (name: string, options: { overwrite?: boolean }): Promise<boolean> => {
      const spell = get().spell;
      const f = file(name);
      if (!spell || !f) return false;
      const content = f.draft;
      try {
        const { mtime } = await client.call('files.save', { path: spell.path, file: name, content, ...(options.overwrite ? {} : { baseMtime: f.mtime }) });
        set({ files: markSaved(get().files, name, content, mtime), conflict: get().conflict === name ? null : get().conflict, error: null });
        if (!isDirty(file(name)!)) {
          background.cancelRecovery(name);
          void client.call('files.discardRecovery', { path: spell.path, file: name }).catch(() => undefined);
        }
        // A saved manifest changes the parameters form: read the summary again.
        if (name === 'spell.yaml') void client.call('library.open', { path: spell.path }).then(({ spell: fresh }) => get().spell?.path === fresh.path && set({ spell: fresh }), () => undefined);
        return true;
      } catch (error) {
        if (isConflict(error)) set({ conflict: name, error: null });
        else set({ error: `Could not save ${name}: ${message(error)}` });
        return false;
      }
    };
    /** Saves on the wire, per file. */
    const saving = new Map<string, Promise<boolean>>();

    return {
      spell: null,
      files: [],
      active: null,
      offers: [],
      conflict: null,
      diagnostics: {},
      runErrors: {},
      testErrors: {},
      reveal: null,
      opening: false,
      error: null,

      async open(path) {
        get().flushRecovery();
        set({ opening: true, error: null });
        try {
          const [{ spell, files }, copies] = await Promise.all([client.call('library.open', { path }), client.call('files.recovery', { path })]);
          const opened = fromOpened(files, spell.engine);
          for (const stale of staleRecoveries(opened, copies)) void client.call('files.discardRecovery', { path, file: stale.file }).catch(() => undefined);
          set({ spell, files: opened, active: opened[0]?.name ?? null, offers: recoveryOffers(opened, copies), conflict: null, diagnostics: {}, runErrors: {}, testErrors: {}, opening: false });
          for (const f of opened) diagnoseLater(f.name, 0);
        } catch (error) {
          set({ opening: false, error: message(error) });
        }
      },

      close() {
        get().flushRecovery();
        set({ spell: null, files: [], active: null, offers: [], conflict: null, diagnostics: {}, runErrors: {}, testErrors: {}, reveal: null });
      },

      select: (name) => set({ active: name }),

      edit(name, content) {
        const f = file(name);
        if (!f || f.draft === content) return;
        // The run's error mark was about the text as it ran: an edit of that file retires it.
        const { [name]: _retired, ...runErrors } = get().runErrors;
        const { [name]: _stale, ...testErrors } = get().testErrors;
        set({ files: setDraft(get().files, name, content), ...(_retired ? { runErrors } : {}), ...(_stale ? { testErrors } : {}) });
        keepRecovery(name);
        diagnoseLater(name);
      },

      save(name = get().active ?? '', options = {}) {
        // One save per file at a time: a second one sent while the first is on the wire would carry
        // the old mtime and be refused as a conflict with our own write (Ctrl+S, then Run at once).
        const before = saving.get(name);
        const next = (before ?? Promise.resolve(true)).then((ok) => {
          const f = file(name);
          // The save before this one wrote the same text: nothing is left to write.
          if (before && ok && f && !isDirty(f) && !options.overwrite) return true;
          return saveNow(name, options);
        });
        saving.set(name, next);
        void next.finally(() => saving.get(name) === next && saving.delete(name));
        return next;
      },

      async saveAll() {
        for (const f of get().files.filter((f) => isDirty(f) || saving.has(f.name))) if (!(await get().save(f.name))) return false;
        return true;
      },

      async reloadFromDisk(name) {
        const spell = get().spell;
        if (!spell) return;
        const { files } = await client.call('library.open', { path: spell.path });
        const disk = files.find((f) => f.name === name);
        if (!disk) return;
        background.cancelRecovery(name);
        void client.call('files.discardRecovery', { path: spell.path, file: name }).catch(() => undefined);
        set({ files: loadFromDisk(get().files, name, disk.content, disk.mtime), conflict: null });
        diagnoseLater(name, 0);
      },

      restore(name) {
        const offer = get().offers.find((o) => o.file === name);
        if (!offer) return;
        set({ offers: get().offers.filter((o) => o !== offer), active: name });
        get().edit(name, offer.content);
      },

      async discard(name) {
        const spell = get().spell;
        set({ offers: get().offers.filter((o) => o.file !== name) });
        if (spell) await client.call('files.discardRecovery', { path: spell.path, file: name }).catch(() => undefined);
      },

      markRunError(error) {
        if (!error) return void (Object.keys(get().runErrors).length && set({ runErrors: {} }));
        const name = resolveFileName(get().files.map((f) => f.name), error.file);
        if (!name) return;
        set({ runErrors: { [name]: [{ file: name, line: error.line, message: `run error: ${error.message}`, severity: 'error' }] } });
      },

      markTestFailures(failures) {
        const names = get().files.map((f) => f.name);
        const marks: Record<string, Diagnostic[]> = {};
        for (const f of failures) {
          const name = resolveFileName(names, f.file);
          if (!name) continue;
          (marks[name] ??= []).push({ file: name, line: f.line, ...(f.column !== undefined ? { column: f.column } : {}), message: `test failed: ${f.message}`, severity: 'error' });
        }
        if (Object.keys(marks).length || Object.keys(get().testErrors).length) set({ testErrors: marks });
      },

      revealLine(ref, line, column) {
        const name = resolveFileName(get().files.map((f) => f.name), ref);
        if (!name) return;
        set({ active: name, reveal: { file: name, line, ...(column !== undefined ? { column } : {}), seq: ++revealSeq } });
      },

      flushRecovery: () => background.flushRecovery(get().files.map((f) => f.name)),

      dismissError: () => set({ error: null }),
    };
  });
}
