import { useEffect } from 'react';
import { commands, selectAnyDirty, selectRunning, useConnection, useEditor, useRun, useUi } from '../../state';
import { Icon } from './Icon';
import { displayKeys } from './shortcuts';
import { isMac } from './platform';

/** The bar above everything: the open spell, Run and Stop, theme, settings and shortcuts. */
export function TopBar() {
  const spell = useEditor((s) => s.spell);
  const dirty = useEditor(selectAnyDirty);
  const running = useRun(selectRunning);
  const stopping = useRun((s) => s.view.stopping);
  const theme = useUi((s) => s.theme);
  const offline = useConnection((s) => s.state !== 'open');
  const { toggleTheme, openDialog } = useUi.getState();
  useEffect(() => {
    document.title = spell ? `${dirty ? '● ' : ''}${spell.name} — llmspell studio` : 'llmspell studio';
  }, [spell, dirty]);

  return (
    <header className="top-bar">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">✦</span> llmspell <span className="brand-sub">studio</span>
      </div>
      <div className="top-spell" aria-live="polite">
        {spell ? (
          <>
            <span className="top-spell-name">{spell.name}</span>
            {dirty && <span className="dirty-dot" title="Unsaved changes" aria-label="unsaved changes" />}
            <span className={`badge engine-${spell.engine}`}>{spell.engine}</span>
          </>
        ) : (
          <span className="muted">No spell open</span>
        )}
      </div>
      <div className="top-actions">
        {offline && (
          <span id="run-unavailable" className="run-unavailable" role="note">
            Not connected to the studio host: Run is off until it reconnects
          </span>
        )}
        <button
          type="button"
          className="button primary"
          disabled={!spell || running || offline}
          onClick={() => void commands.runSpell()}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          aria-describedby={offline ? 'run-unavailable' : undefined}
          title={offline ? 'Not connected to the studio host' : `Run (${displayKeys('Mod+Enter', isMac)})`}
        >
          <Icon name="play" size={12} /> Run
        </button>
        <button
          type="button"
          className="button danger"
          disabled={!running || stopping}
          onClick={() => void useRun.getState().stop()}
          aria-keyshortcuts="Control+. Meta+."
          title={`Stop (${displayKeys('Mod+.', isMac)})`}
        >
          <Icon name="stop" size={12} /> Stop
        </button>
        <span className="divider" aria-hidden="true" />
        <button type="button" className="icon-button" onClick={toggleTheme} aria-label={theme === 'dark' ? 'Use light theme' : 'Use dark theme'} title="Toggle theme">
          <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
        </button>
        <button type="button" className="icon-button" onClick={() => openDialog('help')} aria-label="Help" title="Help: tutorials, cookbook, references">
          <Icon name="help" />
        </button>
        <button type="button" className="icon-button" onClick={() => openDialog('shortcuts')} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          <Icon name="keyboard" />
        </button>
        <button type="button" className="icon-button" onClick={() => openDialog('settings')} aria-label="Settings" title={`Settings (${displayKeys('Mod+,', isMac)})`}>
          <Icon name="settings" />
        </button>
      </div>
    </header>
  );
}
