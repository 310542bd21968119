import { useEffect, type CSSProperties } from 'react';
import { EditorPane } from './features/editor/EditorPane';
import { HistoryPanel } from './features/history/HistoryPanel';
import { Dialogs } from './features/layout/Dialogs';
import { ConsentDialog } from './features/consent/ConsentDialog';
import { Splitter } from './features/layout/Splitter';
import { StatusBar } from './features/layout/StatusBar';
import { TopBar } from './features/layout/TopBar';
import { PaneToggles } from './features/layout/PaneToggles';
import { useNarrow } from './features/layout/useNarrow';
import { useShortcuts } from './features/layout/useShortcuts';
import { LibraryPanel } from './features/library/LibraryPanel';
import { OutputConsole } from './features/run/OutputConsole';
import { ParamsForm } from './features/run/ParamsForm';
import { TestExplorer } from './features/tests/TestExplorer';
import { useEditor, useUi } from './state';

/** The studio: library | editor over output | parameters and history, with remembered pane sizes. */
export function App() {
  const theme = useUi((s) => s.theme);
  const panes = useUi((s) => s.panes);
  const overlay = useUi((s) => s.overlay);
  const narrow = useNarrow();
  const spellPath = useEditor((s) => s.spell?.path);
  useShortcuts();
  // Opening a spell from the library overlay puts the editor back in view.
  useEffect(() => {
    if (useUi.getState().overlay === 'library') useUi.getState().toggleOverlay('library');
  }, [spellPath]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const sizes = { '--library-width': `${panes.library}px`, '--side-width': `${panes.side}px`, '--console-height': `${panes.console}px` } as CSSProperties;
  return (
    <div className={narrow ? 'app narrow' : 'app'} style={sizes}>
      <TopBar />
      {/* Narrow windows (≤ 1000 px): the side panes fold into toggles and open over the editor. */}
      {narrow && <PaneToggles />}
      <main className="workspace">
        {(!narrow || overlay === 'library') && <LibraryPanel />}
        {!narrow && <Splitter pane="library" label="Resize library" orientation="vertical" direction={1} />}
        <div className="center">
          <EditorPane />
          <Splitter pane="console" label="Resize output" orientation="horizontal" direction={-1} />
          <OutputConsole />
        </div>
        {!narrow && <Splitter pane="side" label="Resize side panel" orientation="vertical" direction={-1} />}
        {(!narrow || overlay === 'side') && (
          <aside className="side" id="side-pane" aria-label="Run settings and history">
            <ParamsForm />
            <TestExplorer />
            <HistoryPanel />
          </aside>
        )}
      </main>
      <StatusBar />
      <Dialogs />
      <ConsentDialog />
    </div>
  );
}
