import { lazy, Suspense } from 'react';
import { useEditor } from '../../state';
import { EditorBanners } from './EditorBanners';
import { EditorTabs } from './EditorTabs';
import { Welcome } from './Welcome';
import { WorkflowPane } from '../workflow/WorkflowPane';

// Monaco is the heaviest part of the page: it loads after the library is already usable.
const CodeEditor = lazy(() => import('./CodeEditor'));

/** The centre: tabs of the open spell's files, recovery and conflict banners, and the editor. */
export function EditorPane() {
  const hasSpell = useEditor((s) => s.spell !== null);
  const workflow = useEditor((s) => s.spell?.engine === 'workflow');
  const opening = useEditor((s) => s.opening);
  return (
    <section className="editor-pane" aria-label="Editor">
      {hasSpell && workflow ? (
        <>
          <EditorBanners />
          <WorkflowPane />
        </>
      ) : hasSpell ? (
        <>
          <EditorTabs />
          <EditorBanners />
          <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
            <CodeEditor />
          </Suspense>
        </>
      ) : (
        <Welcome opening={opening} />
      )}
    </section>
  );
}
