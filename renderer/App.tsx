import { useEffect, type CSSProperties } from 'react';
import { EditorPane } from './features/editor/EditorPane';
import { HistoryPanel } from './features/history/HistoryPanel';
import { Dialogs } from './features/layout/Dialogs';
import { Splitter } from './features/layout/Splitter';
import { StatusBar } from './features/layout/StatusBar';
import { TopBar } from './features/layout/TopBar';
import { useShortcuts } from './features/layout/useShortcuts';
import { LibraryPanel } from './features/library/LibraryPanel';
import { OutputConsole } from './features/run/OutputConsole';
import { ParamsForm } from './features/run/ParamsForm';
import { useUi } from './state';

/** The studio: library | editor over output | parameters and history, with remembered pane sizes. */
export function App() {
  const theme = useUi((s) => s.theme);
  const panes = useUi((s) => s.panes);
  useShortcuts();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const sizes = { '--library-width': `${panes.library}px`, '--side-width': `${panes.side}px`, '--console-height': `${panes.console}px` } as CSSProperties;
  return (
    <div className="app" style={sizes}>
      <TopBar />
      <main className="workspace">
        <LibraryPanel />
        <Splitter pane="library" label="Resize library" orientation="vertical" direction={1} />
        <div className="center">
          <EditorPane />
          <Splitter pane="console" label="Resize output" orientation="horizontal" direction={-1} />
          <OutputConsole />
        </div>
        <Splitter pane="side" label="Resize side panel" orientation="vertical" direction={-1} />
        <aside className="side" aria-label="Run settings and history">
          <ParamsForm />
          <HistoryPanel />
        </aside>
      </main>
      <StatusBar />
      <Dialogs />
    </div>
  );
}
