import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../../../runtime/contract/studio-api';
import { useEditor, useUi } from '../../state';
import { registerFocus } from '../layout/focus';
import { EditorModels } from './editor-models';
import { toMarkers } from './markers';
import { monaco } from './monaco';
import { tabId } from './EditorTabs';
import { EDITOR_THEMES } from './themes';

type Editor = ReturnType<typeof monaco.editor.create>;

/** Keeps the editor on the active file, remembering each file's scroll and selection. */
function showFile(editor: Editor, models: EditorModels, from: string | null, to: string | null): void {
  if (from === to && editor.getModel() === (models.get(to) ?? null)) return;
  models.saveView(from, editor.saveViewState());
  const model = models.get(to) ?? null;
  editor.setModel(model);
  const view = to ? models.view(to) : undefined;
  if (view) editor.restoreViewState(view);
  // Screen readers hear which file the editor holds.
  editor.updateOptions({ ariaLabel: to ? `${to}, code editor` : 'Code editor' });
}

function applyMarkers(models: EditorModels, marks: Record<string, Diagnostic[]>[]): void {
  for (const [name, model] of models.all()) {
    const markers = toMarkers(marks.flatMap((m) => m[name] ?? []), model.getLinesContent()).map((m) => ({
      ...m,
      severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    }));
    monaco.editor.setModelMarkers(model, 'llmspell', markers);
  }
}

/**
 * Monaco for the open spell. It follows the editor store by subscription, not by re-rendering,
 * so typing never re-renders React: edits go to the store, store changes come back as model edits.
 */
export default function CodeEditor() {
  const host = useRef<HTMLDivElement>(null);
  const theme = useUi((s) => s.theme);
  const active = useEditor((s) => s.active);

  useEffect(() => {
    const editor = monaco.editor.create(host.current!, {
      model: null,
      theme: EDITOR_THEMES[useUi.getState().theme],
      automaticLayout: true,
      fontFamily: 'ui-monospace, "JetBrains Mono", "Cascadia Code", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 13,
      lineHeight: 20,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      padding: { top: 8, bottom: 8 },
      fixedOverflowWidgets: true,
      renderLineHighlight: 'all',
      smoothScrolling: true,
      ariaLabel: 'Code editor',
      suggest: { showWords: true, preview: true },
      quickSuggestions: { other: true, comments: false, strings: false },
    });
    // Format Document on Shift+Alt+F everywhere (Monaco binds Ctrl+Shift+I on Linux only).
    editor.addCommand(monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF, () => void editor.getAction('editor.action.formatDocument')?.run());
    const models = new EditorModels(monaco, (file, content) => useEditor.getState().edit(file, content));
    let shown: string | null = null;
    let reveal = 0;

    const follow = (state: ReturnType<typeof useEditor.getState>, previous?: ReturnType<typeof useEditor.getState>) => {
      if (!previous || state.spell !== previous.spell || state.files !== previous.files) models.sync(state.spell?.path ?? null, state.files);
      if (state.active !== shown || editor.getModel() !== (models.get(state.active) ?? null)) {
        showFile(editor, models, shown, state.active);
        shown = state.active;
      }
      if (!previous || state.diagnostics !== previous.diagnostics || state.runErrors !== previous.runErrors || state.testErrors !== previous.testErrors || state.spell !== previous.spell) {
        applyMarkers(models, [state.diagnostics, state.runErrors, state.testErrors]);
      }
      if (state.reveal && state.reveal.seq !== reveal) {
        reveal = state.reveal.seq;
        const { line, column = 1 } = state.reveal;
        editor.setPosition({ lineNumber: line, column });
        editor.revealLineInCenter(line);
        editor.focus();
      }
    };
    follow(useEditor.getState());
    const unsubscribe = useEditor.subscribe(follow);
    // Right after a tab switch the text area may not take focus yet: try again on the next frame.
    const unregister = registerFocus('editor', () => {
      editor.focus();
      if (!editor.hasTextFocus()) requestAnimationFrame(() => editor.focus());
    });
    return () => {
      unsubscribe();
      unregister();
      models.disposeAll();
      editor.dispose();
    };
  }, []);

  useEffect(() => monaco.editor.setTheme(EDITOR_THEMES[theme]), [theme]);

  return <div ref={host} id="editor-panel" className="code-editor" role="tabpanel" aria-labelledby={active ? tabId(active) : undefined} />;
}
