/**
 * Monaco, bundled locally: the core editor API, only the contributions the studio uses, only the
 * languages spells are written in (Lua, JavaScript/TypeScript, Tengo (our own grammar), YAML, Markdown), and the editor
 * worker served from our own origin. No CDN, no AMD loader. Loaded lazily after the first paint.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

import 'monaco-editor/features/codicon/register';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget';
import 'monaco-editor/editor/common/standaloneStrings';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/caretOperations/browser/caretOperations';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/format/browser/formatActions';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/indentation/browser/indentation';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/editor/contrib/parameterHints/browser/parameterHints';
import 'monaco-editor/editor/contrib/smartSelect/browser/smartSelect';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/standalone/browser/quickAccess/standaloneCommandsQuickAccess';
import 'monaco-editor/editor/standalone/browser/quickAccess/standaloneGotoLineQuickAccess';
import 'monaco-editor/features/find/register';

import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/lua/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/yaml/register';

import { registerBridgeLanguages } from './bridge-providers';
import { registerTengoLanguage } from './tengo-language';
import { registerFormatting } from './format-provider';
import { defineStudioThemes } from './themes';
import { registerToolNameCompletions } from './tool-name-completions';
import { mcpToolNames, useMcp } from '../../state';

// Workers come from our own bundle; the editor worker serves every language we register.
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

defineStudioThemes(monaco);
registerTengoLanguage(monaco);
registerBridgeLanguages(monaco);
// MCP tool names the host knows (servers started by a run or a test in the settings).
registerToolNameCompletions(monaco, () => mcpToolNames(useMcp.getState().servers));
registerFormatting(monaco);

export { monaco };
export type Monaco = typeof monaco;
