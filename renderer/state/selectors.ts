import type { Diagnostic } from '../../runtime/contract/studio-api';
import { isDirty } from './editor-files';
import type { EditorState } from './editor-store';
import type { RunState } from './run-store';

/**
 * Selectors used by several components, defined once. Each returns a stable value (a primitive, a
 * stored object, or a shared constant) so subscribing components re-render only on real change.
 */

const NO_DIAGNOSTICS: Diagnostic[] = [];

/** Problems of the active file. */
export const selectActiveDiagnostics = (s: EditorState): Diagnostic[] => (s.active ? (s.diagnostics[s.active] ?? NO_DIAGNOSTICS) : NO_DIAGNOSTICS);

/** Whether any open file has unsaved edits. */
export const selectAnyDirty = (s: EditorState): boolean => s.files.some(isDirty);

/** The active file, if any. */
export const selectActiveFile = (s: EditorState) => s.files.find((f) => f.name === s.active);

/** A live run of this studio (not a past run shown from history) is going on. */
export const selectRunning = (s: RunState): boolean => !s.view.past && (s.view.status === 'running' || s.view.status === 'starting');
