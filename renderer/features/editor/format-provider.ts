import type * as Monaco from 'monaco-editor/editor/editor.api';
import { client, useEditor } from '../../state';

type Api = typeof Monaco;

/**
 * Format Document (Shift+Alt+F, or the context menu) for Lua and JavaScript: the host formats the
 * text (StyLua, Prettier) and the result replaces the model's text as one undoable edit. A file that
 * does not parse is left as it is, with the reason shown in the editor's error banner.
 */
export function registerFormatting(monaco: Api): void {
  for (const language of ['lua', 'javascript']) {
    monaco.languages.registerDocumentFormattingEditProvider(language, {
      async provideDocumentFormattingEdits(model) {
        const spell = useEditor.getState().spell;
        // Models live at spell:/<spell path>/<file> (editor-models.ts): the file is what follows the spell's path.
        const prefix = spell ? `/${spell.path}/` : '';
        const where = decodeURIComponent(model.uri.path);
        const file = spell && where.startsWith(prefix) ? where.slice(prefix.length) : '';
        if (!spell || !file) return [];
        const content = model.getValue();
        try {
          const formatted = await client.call('files.format', { path: spell.path, file, content });
          if (formatted.content === content || model.getValue() !== content) return [];
          return [{ range: model.getFullModelRange(), text: formatted.content }];
        } catch (error) {
          useEditor.setState({ error: error instanceof Error ? error.message : String(error) });
          return [];
        }
      },
    });
  }
}
