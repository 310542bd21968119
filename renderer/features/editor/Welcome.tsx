import { useUi } from '../../state';
import { displayKeys, SHORTCUTS } from '../layout/shortcuts';
import { isMac } from '../layout/platform';

/** What the centre shows before a spell is open: how to start, and the main shortcuts. */
export function Welcome({ opening }: { opening: boolean }) {
  const openDialog = useUi((s) => s.openDialog);
  if (opening) return <div className="welcome muted">Opening…</div>;
  return (
    <div className="welcome">
      <h2>Write a spell</h2>
      <p className="muted">Open a spell from the library, or start one from a template. Opening a spell never runs it.</p>
      <button type="button" className="button primary" onClick={() => openDialog('new-spell')}>
        + New spell
      </button>
      <dl className="shortcut-list">
        {SHORTCUTS.slice(0, 6).map((s) => (
          <div key={s.command}>
            <dt>
              <kbd>{displayKeys(s.keys, isMac)}</kbd>
            </dt>
            <dd>{s.label}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
