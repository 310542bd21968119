import { useUi } from '../../state';
import { Dialog } from './Dialog';
import { isMac } from './platform';
import { displayKeys, SHORTCUTS } from './shortcuts';

/** Every keyboard shortcut, with this platform's keys. */
export function ShortcutsDialog() {
  const close = useUi((s) => s.closeDialog);
  return (
    <Dialog title="Keyboard shortcuts" onClose={close}>
      <dl className="shortcut-list">
        {SHORTCUTS.map((s) => (
          <div key={s.command}>
            <dt>
              <kbd>{displayKeys(s.keys, isMac)}</kbd>
            </dt>
            <dd>{s.label}</dd>
          </div>
        ))}
        <div>
          <dt>
            <kbd>↑</kbd> <kbd>↓</kbd>
          </dt>
          <dd>Move through spells; arrows on a divider resize panes</dd>
        </div>
      </dl>
    </Dialog>
  );
}
