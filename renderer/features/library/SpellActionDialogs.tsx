import { useState } from 'react';
import type { SpellSummary } from '../../../runtime/contract/studio-api';
import { commands, selectAnyDirty, useEditor } from '../../state';
import { Dialog } from '../layout/Dialog';
import { NameField } from './NameField';

/** A library action waiting for the user's answer. */
export type SpellAction = { kind: 'duplicate' | 'rename' | 'delete'; spell: SpellSummary };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The dialog of a duplicate, rename or delete: a new name, or a confirmation. */
export function SpellActionDialogs({ action, onDone }: { action: SpellAction; onDone(): void }) {
  const { kind, spell } = action;
  const [name, setName] = useState(kind === 'duplicate' ? `${spell.name}-copy` : spell.name);
  const [valid, setValid] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unsaved = useEditor((s) => s.spell?.path === spell.path && selectAnyDirty(s));

  const submit = async () => {
    if (busy || (kind !== 'delete' && !valid)) return;
    setBusy(true);
    try {
      if (kind === 'duplicate') await commands.duplicateSpell(spell.path, name);
      else if (kind === 'rename') await commands.renameSpell(spell.path, name);
      else await commands.deleteSpell(spell.path);
      onDone();
    } catch (e) {
      setError(message(e));
      setBusy(false);
    }
  };

  const title = kind === 'duplicate' ? `Duplicate ${spell.name}` : kind === 'rename' ? `Rename ${spell.name}` : `Delete ${spell.name}?`;
  const verb = kind === 'duplicate' ? 'Duplicate' : kind === 'rename' ? 'Rename' : 'Move to trash';
  return (
    <Dialog
      title={title}
      onClose={onDone}
      actions={
        <>
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" form="spell-action-form" className={kind === 'delete' ? 'button danger' : 'button primary'} disabled={busy || (kind !== 'delete' && !valid)}>
            {verb}
          </button>
        </>
      }
    >
      <form
        id="spell-action-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {kind === 'delete' ? (
          <p>
            <strong>{spell.name}</strong> moves to the trash; you can restore it from there.
            {unsaved && <strong className="text-warn"> Its unsaved changes will be lost.</strong>}
          </p>
        ) : (
          <NameField value={name} onChange={setName} onValidity={setValid} exclude={kind === 'rename' ? spell.name : undefined} />
        )}
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
