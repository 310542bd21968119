import type * as Monaco from 'monaco-editor/editor/editor.api';

type Api = typeof Monaco;

/**
 * Where a tool name is being typed in a string: after `tools.execute(`, `tools.get(`,
 * `tools.validate(`, `tools.spec(` (Lua and JS), or inside an agent's `tools = {` / `tools: [` list.
 * Returns the column (0-based) where the name starts, or undefined.
 */
export function toolNameStart(prefix: string): number | undefined {
  const call = /tools\.(?:execute|get|validate|spec)\(\s*["']([\w.-]*)$/.exec(prefix);
  const list = /\btools\s*[=:]\s*[[{][^\]}]*["']([\w.-]*)$/.exec(prefix);
  const found = call ?? list;
  return found ? prefix.length - found[1]!.length : undefined;
}

/** Completes MCP tool names (`server.tool`) the host knows, inside tool-name strings. */
export function registerToolNameCompletions(monaco: Api, names: () => { name: string; description: string }[]): void {
  for (const languageId of ['lua', 'javascript']) {
    monaco.languages.registerCompletionItemProvider(languageId, {
      triggerCharacters: ['"', "'", '.'],
      provideCompletionItems(model, position) {
        const prefix = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
        const start = toolNameStart(prefix);
        if (start === undefined) return { suggestions: [] };
        const range = new monaco.Range(position.lineNumber, start + 1, position.lineNumber, position.column);
        return {
          suggestions: names().map((tool) => ({
            label: { label: tool.name, description: 'MCP tool' },
            kind: monaco.languages.CompletionItemKind.Function,
            documentation: tool.description,
            insertText: tool.name,
            range,
          })),
        };
      },
    });
  }
}
