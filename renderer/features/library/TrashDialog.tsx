import { useEffect, useState } from 'react';
import { commands, formatWhen, useLibrary, useUi } from '../../state';
import { Dialog } from '../layout/Dialog';

/** Deleted spells, newest first, each restorable to the library. */
export function TrashDialog() {
  const close = useUi((s) => s.closeDialog);
  const trash = useLibrary((s) => s.trash);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void useLibrary.getState().loadTrash(), []);

  const restore = async (trashId: string) => {
    try {
      await commands.restoreSpell(trashId);
      close();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Dialog title="Trash" onClose={close}>
      {trash.length === 0 ? (
        <p className="empty-note">The trash is empty.</p>
      ) : (
        <ul className="trash-list" aria-label="Deleted spells">
          {trash.map((item) => (
            <li key={item.trashId} className="trash-item">
              <span className="trash-name">{item.name}</span>
              <span className="muted">deleted {formatWhen(item.deletedAt)}</span>
              <button type="button" className="button small" aria-label={`Restore ${item.name}`} onClick={() => void restore(item.trashId)}>
                Restore
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
