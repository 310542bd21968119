import { lazy, Suspense, useEffect, useState, type ComponentType, type KeyboardEvent } from 'react';
import { useWorkflow, type WorkflowTab } from '../../state';
import { RunTimeline } from './RunTimeline';
import { usePastRunLoader } from './use-current-run';

// React Flow and Monaco are the heavy parts: each loads when its tab first shows (the canvas sooner,
// see preloadCanvas).
let loaded: ComponentType | undefined;
let loading: Promise<{ default: ComponentType }> | undefined;
const loadCanvas = () => (loading ??= import('./WorkflowCanvas').then((m) => ((loaded = m.default), m)));
const LazyCanvas = lazy(loadCanvas);
const CodeEditor = lazy(() => import('../editor/CodeEditor'));

/**
 * Loads the canvas chunk (React Flow) while the studio is idle, so the first workflow opened does not
 * wait for it to download and compile: on a loaded machine that was about half of the first open.
 */
export function preloadCanvas(): void {
  const load = () => void loadCanvas().catch(() => (loading = undefined)); // a failed preload is tried again when the tab shows
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 1000 });
  else setTimeout(load, 200);
}

const TABS: { id: WorkflowTab; title: string }[] = [
  { id: 'canvas', title: 'Canvas' },
  { id: 'yaml', title: 'YAML' },
  { id: 'timeline', title: 'Timeline' },
];

/** A workflow file: the canvas, the YAML tab (Monaco, the same text) and the run timeline. */
export function WorkflowPane() {
  const tab = useWorkflow((s) => s.tab);
  const parseError = useWorkflow((s) => s.parseError);
  // Once preloaded, the canvas renders at once (a lazy component suspends for a turn even then); the
  // choice is made once per pane, since switching the component type would remount the canvas.
  const [WorkflowCanvas] = useState(() => loaded ?? LazyCanvas);
  usePastRunLoader();
  // Monaco stays mounted once shown, so its undo history survives a visit to the canvas.
  const [yamlShown, setYamlShown] = useState(false);
  useEffect(() => {
    if (tab === 'yaml') setYamlShown(true);
  }, [tab]);
  const onKeyDown = (e: KeyboardEvent) => {
    const at = TABS.findIndex((t) => t.id === tab);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1 }[e.key];
    if (next === undefined) return;
    const t = TABS[(next + TABS.length) % TABS.length]!;
    useWorkflow.getState().setTab(t.id);
    document.getElementById(`wf-tab-${t.id}`)?.focus();
  };
  return (
    <div className="wf-pane">
      <div className="tabs" role="tablist" aria-label="Workflow views" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`wf-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            tabIndex={tab === t.id ? 0 : -1}
            className={tab === t.id ? 'tab active' : 'tab'}
            onClick={() => useWorkflow.getState().setTab(t.id)}
          >
            {t.title}
          </button>
        ))}
      </div>
      {parseError && (
        <div className="banner banner-error" role="alert">
          {parseError}
        </div>
      )}
      <Suspense fallback={<div className="editor-loading">Loading…</div>}>
        {tab === 'canvas' && <WorkflowCanvas />}
        {(tab === 'yaml' || yamlShown) && (
          <div className="wf-yaml" hidden={tab !== 'yaml'}>
            <CodeEditor />
          </div>
        )}
        {tab === 'timeline' && <RunTimeline />}
      </Suspense>
    </div>
  );
}
