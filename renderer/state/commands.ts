import type { RunRecord, StudioInput } from '../../runtime/contract/studio-api';
import type { createConnectionStore } from './connection-store';
import type { createConsentStore } from './consent-store';
import type { createEditorStore } from './editor-store';
import type { createHistoryStore } from './history-store';
import type { createLibraryStore } from './library-store';
import { fieldsFrom } from './params-form';
import type { createParamsStore } from './params-store';
import type { createRunStore } from './run-store';
import type { KeyValueStorage } from './ui-store';

/** The stores a command coordinates. */
export interface Stores {
  library: ReturnType<typeof createLibraryStore>;
  editor: ReturnType<typeof createEditorStore>;
  run: ReturnType<typeof createRunStore>;
  history: ReturnType<typeof createHistoryStore>;
  params: ReturnType<typeof createParamsStore>;
  /** The link to the host: no run starts while it is down. */
  connection?: ReturnType<typeof createConnectionStore>;
  /** Asks for the user's approval before an installed spell's first run. */
  consent?: ReturnType<typeof createConsentStore>;
}

const LAST_SPELL = 'llmspell.openSpell';

/**
 * Actions that span stores (open a spell, run it, re-run a past run, rename the open spell), so
 * each store stays about one concern and components call one function per user intent.
 */
export function createCommands(s: Stores, storage?: KeyValueStorage) {
  const busy = () => ['running', 'starting'].includes(s.run.getState().view.status) && !s.run.getState().view.past;
  /** False when the user declined; a failed check lets the host decide (it refuses without a grant). */
  const consented = (path: string) => s.consent?.getState().ensure(path).catch(() => true) ?? Promise.resolve(true);

  const commands = {
    /** Opens a spell in the editor and lists its runs. Never runs it. */
    async openSpell(path: string): Promise<void> {
      if (s.editor.getState().spell?.path === path) return;
      // The run list does not wait for the editor: both load at once.
      const listing = s.history.getState().load(path);
      await s.editor.getState().open(path);
      if (s.editor.getState().spell?.path !== path) {
        // Another spell opened meanwhile (or this one could not): list the open spell's runs.
        await s.history.getState().load(s.editor.getState().spell?.path ?? null);
        return;
      }
      storage?.setItem(LAST_SPELL, path);
      if (!busy()) s.run.getState().clear();
      await listing;
    },

    /** Reopens the spell open before the page reloaded, if it still exists. */
    async reopenLast(): Promise<void> {
      const path = storage?.getItem(LAST_SPELL);
      if (path && s.library.getState().spells.some((spell) => spell.path === path)) await commands.openSpell(path);
    },

    /**
     * Takes over a run still going on in the host (the page was reloaded or reconnected during it):
     * the open spell's run first, else the newest; its spell opens if none is.
     */
    async reattach(): Promise<void> {
      const view = s.run.getState().view;
      if (view.status === 'starting' && !view.runId) return;
      const live = await s.run.getState().listActive().catch(() => []);
      // Attach before anything else awaits, so no event of the run slips by in between.
      if (busy() && view.runId) {
        // Our own run, seen again after a dropped connection: take the events we missed, or its end.
        const same = live.find((r) => r.run.runId === view.runId);
        if (same) s.run.getState().attach(same.run, same.events);
        else await s.run.getState().showPast(view.runId).catch(() => undefined);
        return;
      }
      const open = s.editor.getState().spell?.path;
      const chosen = live.find((r) => r.run.spellPath === open) ?? [...live].sort((a, b) => b.run.startedAt - a.run.startedAt)[0];
      if (!chosen || busy()) return;
      s.run.getState().attach(chosen.run, chosen.events);
      if (!open) await commands.openSpell(chosen.run.spellPath);
      const path = s.history.getState().path;
      if (path) await s.history.getState().load(path);
    },

    /** Validates the form, saves unsaved files (a run reads the disk), then starts the run (a workflow's from a node, with `from`). */
    async runSpell(from?: string): Promise<boolean> {
      const spell = s.editor.getState().spell;
      if (!spell || busy() || (s.connection && s.connection.getState().state !== 'open')) return false;
      const params = s.params.getState().validate(spell.path, fieldsFrom(spell.parameters));
      if (!params) return false;
      if (!(await s.editor.getState().saveAll())) return false;
      if (!(await consented(spell.path))) return false;
      s.editor.getState().markRunError(null);
      await s.run.getState().start(spell.path, params, from);
      return true;
    },

    /** Runs a past run again with its parameters (filling the form with them). */
    async rerun(record: RunRecord): Promise<void> {
      if (busy()) return;
      await commands.openSpell(record.spellPath);
      const spell = s.editor.getState().spell;
      if (spell) s.params.getState().fill(spell.path, fieldsFrom(spell.parameters), record.params);
      if (!(await consented(record.spellPath))) return;
      await s.run.getState().start(record.spellPath, record.params);
    },

    /**
     * Replays a past run: its spell with its parameters against the cassette it kept (no network),
     * shown in the console like any run; resolves with the replay's run id (null when it could not start).
     */
    async replay(record: RunRecord): Promise<string | null> {
      if (busy() || (s.connection && s.connection.getState().state !== 'open')) return null;
      await commands.openSpell(record.spellPath);
      const spell = s.editor.getState().spell;
      if (spell) s.params.getState().fill(spell.path, fieldsFrom(spell.parameters), record.params);
      return s.run.getState().replay(record);
    },

    /** After a run ends: refresh history and take the token count from its record. */
    async afterRun(runId: string): Promise<void> {
      const path = s.history.getState().path;
      if (!path) return;
      await s.history.getState().load(path);
      s.run.getState().setTokens(runId, s.history.getState().runs.find((r) => r.runId === runId)?.tokens);
    },

    async createSpell(input: StudioInput<'library.create'>): Promise<void> {
      const spell = await s.library.getState().create(input);
      await commands.openSpell(spell.path);
    },

    async duplicateSpell(path: string, name: string): Promise<void> {
      const spell = await s.library.getState().duplicate(path, name);
      await commands.openSpell(spell.path);
    },

    async renameSpell(path: string, name: string): Promise<void> {
      const wasOpen = s.editor.getState().spell?.path === path;
      if (wasOpen && !(await s.editor.getState().saveAll())) return;
      const spell = await s.library.getState().rename(path, name);
      if (wasOpen) {
        s.editor.getState().close();
        await commands.openSpell(spell.path);
      }
    },

    async deleteSpell(path: string): Promise<void> {
      if (s.editor.getState().spell?.path === path) {
        s.editor.getState().close();
        await s.history.getState().load(null);
      }
      await s.library.getState().remove(path);
    },

    async restoreSpell(trashId: string): Promise<void> {
      const spell = await s.library.getState().restore(trashId);
      await commands.openSpell(spell.path);
    },
  };
  return commands;
}

export type Commands = ReturnType<typeof createCommands>;
