import type { EditorFile } from '../../state';
import { languageOf } from '../../state';
import type { Monaco } from './monaco';

type Model = ReturnType<Monaco['editor']['createModel']>;
type ViewState = ReturnType<ReturnType<Monaco['editor']['create']>['saveViewState']>;

/**
 * The Monaco models of the open spell, kept in step with the editor store: a model per file, edits
 * reported back as drafts, drafts changed elsewhere (restore, load from disk) applied as undoable
 * edits, models of a closed spell disposed.
 */
export class EditorModels {
  private readonly models = new Map<string, Model>();
  private readonly views = new Map<string, ViewState>();
  /** The text each model last reported or received, to tell our own edits from outside changes. */
  private readonly known = new Map<string, string>();
  private spellPath: string | null = null;
  private applying = false;

  constructor(
    private readonly monaco: Monaco,
    private readonly onEdit: (file: string, content: string) => void,
  ) {}

  /** Brings the models in line with the store's spell and files. */
  sync(spellPath: string | null, files: readonly EditorFile[]): void {
    if (spellPath !== this.spellPath) {
      this.disposeAll();
      this.spellPath = spellPath;
    }
    if (!spellPath) return;
    for (const file of files) {
      const model = this.models.get(file.name) ?? this.create(spellPath, file);
      if (this.known.get(file.name) !== file.draft) this.replace(file.name, model, file.draft);
    }
    for (const [name, model] of this.models) {
      if (!files.some((f) => f.name === name)) {
        model.dispose();
        this.models.delete(name);
        this.known.delete(name);
      }
    }
  }

  get(name: string | null): Model | undefined {
    return name ? this.models.get(name) : undefined;
  }

  saveView(name: string | null, state: ViewState): void {
    if (name && state) this.views.set(name, state);
  }

  view(name: string): ViewState | undefined {
    return this.views.get(name);
  }

  all(): [string, Model][] {
    return [...this.models];
  }

  disposeAll(): void {
    for (const model of this.models.values()) model.dispose();
    this.models.clear();
    this.views.clear();
    this.known.clear();
  }

  private create(spellPath: string, file: EditorFile): Model {
    const uri = this.monaco.Uri.from({ scheme: 'spell', path: `/${encodeURIComponent(spellPath)}/${file.name}` });
    const model = this.monaco.editor.createModel(file.draft, languageOf(file.name), uri);
    this.models.set(file.name, model);
    this.known.set(file.name, file.draft);
    model.onDidChangeContent(() => {
      if (this.applying) return;
      const text = model.getValue();
      this.known.set(file.name, text);
      this.onEdit(file.name, text);
    });
    return model;
  }

  private replace(name: string, model: Model, text: string): void {
    this.known.set(name, text);
    if (model.getValue() === text) return;
    this.applying = true;
    try {
      // An edit, not setValue: Ctrl+Z can take back a restored recovery copy.
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    } finally {
      this.applying = false;
    }
  }
}
