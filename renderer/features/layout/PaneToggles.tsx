import { useUi } from '../../state';

/** In a narrow window: buttons that show the library or the run side panel over the editor. */
export function PaneToggles() {
  const overlay = useUi((s) => s.overlay);
  const toggle = useUi((s) => s.toggleOverlay);
  return (
    <div className="pane-toggles">
      <button type="button" className="button small" aria-expanded={overlay === 'library'} aria-controls="library-pane" onClick={() => toggle('library')}>
        Library
      </button>
      <button type="button" className="button small" aria-expanded={overlay === 'side'} aria-controls="side-pane" onClick={() => toggle('side')}>
        Parameters &amp; history
      </button>
    </div>
  );
}
