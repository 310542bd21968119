import { useEffect } from 'react';
import { useEditor, useRun, useWorkflow } from '../../state';

/** The run the canvas shows: the run view's, when it is a run of the open workflow (live or from history). */
export function useCurrentRunId(): string | undefined {
  return useRun((s) => {
    const path = useEditor.getState().spell?.path;
    return s.view.runId && s.view.spellPath === path ? s.view.runId : undefined;
  });
}

/** Loads the node events of a past run shown from history, so the canvas and timeline can show it. */
export function usePastRunLoader(): void {
  const runId = useCurrentRunId();
  const past = useRun((s) => s.view.past === true);
  useEffect(() => {
    if (runId && past) void useWorkflow.getState().loadPast(runId).catch(() => undefined);
  }, [runId, past]);
}
