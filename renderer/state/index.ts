/**
 * The renderer's state: one small zustand store per concern, created here around the one Studio
 * client, plus the commands that span them. Components import from this module only; only files
 * in renderer/state import zustand.
 */
import { useShallow } from 'zustand/react/shallow';
import { createStudioClient } from '../ipc/client';
import { createBatchStore } from './batch-store';
import { createCommands } from './commands';
import { createConnectionStore } from './connection-store';
import { createConsentStore } from './consent-store';
import { createEditorStore } from './editor-store';
import { createHistoryStore } from './history-store';
import { createLibraryStore } from './library-store';
import { createMcpStore } from './mcp-store';
import { createParamsStore } from './params-store';
import { createRunStore } from './run-store';
import { createSettingsStore } from './settings-store';
import { createTestsStore } from './tests-store';
import { createUiStore, type KeyValueStorage } from './ui-store';
import { createWorkflowStore } from './workflow/workflow-store';

export type { EditorFile, RecoveryOffer } from './editor-files';
export type { ConsoleRow, Segment } from './console-buffer';
export { segmentsOf } from './console-buffer';
export type { RunStatus, RunView } from './run-state';
export type { DialogName } from './ui-store';
export type { ConsentPrompt } from './consent-store';
export type { PaneKey, Theme } from './layout';
export { isDirty, languageOf } from './editor-files';
export { allTags, checkSpellName, filterSpells } from './library-filter';
export { fileLineRefs, formatDuration } from './run-console';
export { fieldsFrom } from './params-form';
export { filterRuns, formatWhen, paramsSummary } from './history-filter';
export { diffLines, paramRows, type DiffLine } from './run-diff';
export { traceOf, type Trace, type TraceModel, type TraceRow } from './run-trace';
export { formatUsd } from '../../runtime/contract/prices';
export { PANE_LIMITS } from './layout';
export { mcpToolNames, parseSecretLines } from './mcp-store';
export { parameterNames, resultsToCsv, resultsToJsonl } from './batch-store';
export { CONSOLE_LINES } from './ui-store';
export { caseKey, testRows, type TestCaseView, type TestScope } from './tests-store';
export type { Clipboard, Crumb, WorkflowTab } from './workflow/workflow-store';
export type { GraphEdge, GraphNode, GraphView } from './workflow/graph-read';
export type { NodeRun, NodeRunStatus, WorkflowRunView } from './workflow/node-runs';
export { downstreamOf, upstreamOf } from './workflow/graph-read';
export { formatMs, nodeRunAt } from './workflow/node-runs';
export { freeId } from './workflow/workflow-store';
export { layoutGraph, NODE_SIZE } from './workflow/layout';
export * from './selectors';

/** Shallow-compares a selector's result, for selectors that build objects or arrays. */
export { useShallow };

const storage: KeyValueStorage | undefined = typeof localStorage === 'undefined' ? undefined : localStorage;
const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;

/** The one connection to the host. */
export const client = createStudioClient();

export const useConnection = createConnectionStore();
export const useLibrary = createLibraryStore(client);
export const useEditor = createEditorStore(client);
export const useUi = createUiStore(storage, prefersDark ? 'dark' : 'light');
export const useRun = createRunStore(client, Date.now, { maxRows: () => useUi.getState().consoleMaxLines });
export const useHistory = createHistoryStore(client);
export const useParams = createParamsStore(storage);
export const useSettings = createSettingsStore(client);
export const useMcp = createMcpStore(client);
export const useWorkflow = createWorkflowStore(client, useEditor);
export const useBatch = createBatchStore(client);
/** Install and consent: an installed spell opens once installed. */
export const useConsent = createConsentStore(client, (path) => void useLibrary.getState().load().then(() => commands.openSpell(path)));
export const useTests = createTestsStore(client);

/** Actions that span stores: open, run, re-run, create, rename, delete. */
export const commands = createCommands({ library: useLibrary, editor: useEditor, run: useRun, history: useHistory, params: useParams, connection: useConnection, consent: useConsent }, storage);

// The test explorer lists the open spell's tests; failed assertions are marked on their lines.
useEditor.subscribe((state, previous) => {
  if (state.spell?.path !== previous.spell?.path) void useTests.getState().load(state.spell && state.spell.engine !== 'workflow' ? state.spell.path : null);
});
useTests.subscribe((state, previous) => {
  if (state.results === previous.results) return;
  const failures = Object.values(state.results).flatMap((r) => (!r.ok && r.line !== undefined ? [{ file: r.file, line: r.line, ...(r.column !== undefined ? { column: r.column } : {}), message: r.error ?? 'failed' }] : []));
  useEditor.getState().markTestFailures(failures);
});

// The canvas reads the open workflow's text from the editor: it follows every change of it.
useEditor.subscribe((state) => {
  const workflow = state.spell?.engine === 'workflow';
  useWorkflow.getState().sync(workflow ? (state.files[0]?.draft ?? null) : null, workflow ? state.spell!.path : null);
});

client.on('run', (event) => {
  useRun.getState().receive(event);
  useWorkflow.getState().receive(event);
  if (event.type === 'finished') {
    // A failed run of the shown spell marks its error on its line in the editor.
    const { error } = event;
    const view = useRun.getState().view;
    if (!event.ok && error?.file && error.line !== undefined && view.runId === event.runId && view.spellPath === useEditor.getState().spell?.path) {
      useEditor.getState().markRunError({ file: error.file, line: error.line, message: error.message });
    }
    void commands.afterRun(event.runId);
    // A run may have started MCP servers: their tools become known to the editor.
    void useMcp.getState().load();
  }
});
client.on('library', () => {
  void useLibrary.getState().load();
  // New or removed test files and cassettes.
  const tests = useTests.getState();
  if (tests.spellPath && !tests.running) void tests.load(tests.spellPath);
});
client.on('tests', (data) => useTests.getState().receive(data));
client.on('batch', (data) => {
  useBatch.getState().receive(data);
  // A batch is a run in the history too: the list shows it when it ends.
  if (data.event.type === 'summary') void useHistory.getState().load(useHistory.getState().path);
});
client.onConnection((state) => {
  const reconnected = state === 'open' && useConnection.getState().everOpen;
  useConnection.getState().set(state);
  if (state === 'open') void commands.reattach();
  if (reconnected) {
    void useLibrary.getState().load();
    const path = useHistory.getState().path;
    if (path) void useHistory.getState().load(path);
    const tests = useTests.getState();
    if (tests.spellPath) void tests.load(tests.spellPath);
  }
});

/** Loads what the first screen shows, then reopens the spell that was open before a reload. */
export async function startStudio(): Promise<void> {
  await Promise.all([useLibrary.getState().load(), useSettings.getState().load(), useMcp.getState().load(), useLibrary.getState().loadTrash()]);
  await commands.reopenLast();
}

// Unsaved edits must reach the host before the page goes away (reload, close, crash of the tab).
if (typeof addEventListener === 'function') addEventListener('pagehide', () => useEditor.getState().flushRecovery());
