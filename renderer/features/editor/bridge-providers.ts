import type * as Monaco from 'monaco-editor/editor/editor.api';
import { buildBridgeIndex, type BridgeDoc, type BridgeIndex } from './bridge-docs';
import { completionsAt, hoverAt, signatureAt } from './bridge-lookup';

type Api = typeof Monaco;

function markdown(doc: BridgeDoc, language: string): Monaco.IMarkdownString {
  return { value: `\`\`\`${language}\n${doc.signature}\n\`\`\`\n\n${doc.doc}` };
}

function completionKind(monaco: Api, doc: BridgeDoc): Monaco.languages.CompletionItemKind {
  const k = monaco.languages.CompletionItemKind;
  return doc.kind === 'module' ? k.Module : doc.kind === 'method' ? k.Method : doc.kind === 'value' ? k.Variable : k.Function;
}

function register(monaco: Api, languageId: string, index: BridgeIndex): void {
  monaco.languages.registerCompletionItemProvider(languageId, {
    triggerCharacters: ['.', ':', '"'],
    provideCompletionItems(model, position) {
      const prefix = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const found = completionsAt(index, prefix);
      if (!found) return { suggestions: [] };
      const range = new monaco.Range(position.lineNumber, found.from + 1, position.lineNumber, position.column);
      return {
        suggestions: found.items.map((doc) => ({
          label: { label: doc.name, description: doc.kind === 'module' ? 'module' : doc.qualified },
          kind: completionKind(monaco, doc),
          detail: doc.signature,
          documentation: markdown(doc, languageId),
          insertText: doc.insertText,
          insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
          // Bridge functions sort before the editor's word suggestions.
          sortText: `0${doc.name}`,
          range,
        })),
      };
    },
  });

  monaco.languages.registerSignatureHelpProvider(languageId, {
    signatureHelpTriggerCharacters: ['(', ','],
    signatureHelpRetriggerCharacters: [','],
    provideSignatureHelp(model, position) {
      const text = model.getValueInRange(new monaco.Range(Math.max(1, position.lineNumber - 40), 1, position.lineNumber, position.column));
      const found = signatureAt(index, text);
      if (!found) return null;
      const { doc, activeParameter } = found;
      return {
        value: {
          signatures: [{ label: doc.signature, documentation: { value: doc.doc }, parameters: doc.params.map((p) => ({ label: p.label, documentation: p.doc })) }],
          activeSignature: 0,
          activeParameter: Math.min(activeParameter, Math.max(0, doc.params.length - 1)),
        },
        dispose: () => undefined,
      };
    },
  });

  monaco.languages.registerHoverProvider(languageId, {
    provideHover(model, position) {
      const found = hoverAt(index, model.getLineContent(position.lineNumber), position.column);
      if (!found) return null;
      return { range: new monaco.Range(position.lineNumber, found.start, position.lineNumber, found.end), contents: [markdown(found.doc, languageId)] };
    },
  });
}

/** Completions, signature help and hover docs for every bridge function, in Lua, JavaScript and Tengo. */
export function registerBridgeLanguages(monaco: Api): void {
  register(monaco, 'lua', buildBridgeIndex('lua'));
  register(monaco, 'javascript', buildBridgeIndex('js'));
  register(monaco, 'tengo', buildBridgeIndex('tengo'));
}
