#!/usr/bin/env node
// `npm run gen`: writes types/llmspell.d.ts (JavaScript spells), types/llmspell.lua (LuaCATS, Lua
// spells), types/llmspell.tengo.md (Tengo spells) and docs/api-reference.md from the bridge API description in runtime/contract/bridge-api.ts. A test checks that the
// committed files are up to date. The TypeScript renderers are bundled with esbuild and imported.
import { build } from 'esbuild';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The generated files: path relative to the repository → text. */
export async function renderBridgeTypes() {
  const result = await build({
    absWorkingDir: root,
    stdin: {
      contents:
        "export { renderDts } from './runtime/bridges/typings/render-dts';\nexport { renderLuaCats } from './runtime/bridges/typings/render-luacats';\nexport { renderMarkdown } from './runtime/bridges/typings/render-markdown';\nexport { renderTengo } from './runtime/bridges/typings/render-tengo';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].text;
  const { renderDts, renderLuaCats, renderMarkdown, renderTengo } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return { 'types/llmspell.d.ts': renderDts(), 'types/llmspell.lua': renderLuaCats(), 'docs/api-reference.md': renderMarkdown(), 'types/llmspell.tengo.md': renderTengo() };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [file, text] of Object.entries(await renderBridgeTypes())) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
    console.error(`wrote ${file}`);
  }
}
