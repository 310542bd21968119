import { badInput } from './studio-error';
import { MAX_FILE_BYTES } from './spell-files';
import type { HandlersFor } from './studio-handlers';

/** Languages Format Document knows, by file name. */
export function formatterFor(file: string): 'lua' | 'javascript' | undefined {
  if (file.endsWith('.lua')) return 'lua';
  if (/\.(m?js|cjs)$/.test(file)) return 'javascript';
  return undefined;
}

/** Lua through StyLua (its WebAssembly build): two-space indent, Lua 5.4 syntax. */
async function formatLua(content: string): Promise<string> {
  const stylua = await import('@johnnymorganz/stylua');
  // A Config is handed over to the formatter and freed there: a new one per call.
  const config = stylua.Config.new();
  config.indent_type = stylua.IndentType.Spaces;
  config.indent_width = 2;
  config.syntax = stylua.LuaVersion.Lua54;
  return stylua.formatCode(content, config, undefined, stylua.OutputVerification.None);
}

/** JavaScript through Prettier's standalone build (no file system, no config file lookup). */
async function formatJavaScript(content: string): Promise<string> {
  const [prettier, babel, estree] = await Promise.all([import('prettier/standalone'), import('prettier/plugins/babel'), import('prettier/plugins/estree')]);
  return prettier.format(content, { parser: 'babel', plugins: [babel, estree as never], printWidth: 120, singleQuote: true });
}

/** The formatted text; a file that does not parse is a `bad_input` error naming the problem. */
export async function formatSource(file: string, content: string): Promise<string> {
  const language = formatterFor(file);
  if (!language) throw badInput('file', `no formatter for ${file} (Lua and JavaScript files can be formatted)`);
  try {
    return language === 'lua' ? await formatLua(content) : await formatJavaScript(content);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/^string error parsing:\s*/, '').trim();
    throw badInput('content', `cannot format ${file}: ${message.split('\n').slice(0, 4).join(' ')}`);
  }
}

/** Format Document: the editor's text formatted, never written (the editor applies it as an edit). */
export function formatService(): HandlersFor<'files.format'> {
  return {
    'files.format': async ({ file, content }) => {
      // Why the bound: formatting runs on the host's event loop.
      if (Buffer.byteLength(content) > MAX_FILE_BYTES) throw badInput('content', `larger than ${MAX_FILE_BYTES / 2 ** 20} MB`);
      return { content: await formatSource(file, content) };
    },
  };
}
