#!/usr/bin/env node
// `npm run gen` (with gen-bridge-types.mjs): writes docs/cli-reference.md from the command registry,
// docs/configuration.md from the configuration schema and docs/examples.md from spells/. The
// TypeScript renderers are bundled with esbuild and imported; test/docs/generated-docs.test.ts checks
// that the committed files are current.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rawText } from './raw-text.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The generated files: path relative to the repository → text. */
export async function renderDocs() {
  const outfile = path.join(root, '.tmp', 'gen-docs', 'render.mjs');
  await build({
    absWorkingDir: root,
    stdin: {
      contents:
        "export { renderCliReference } from './runtime/docs/cli-reference';\nexport { renderConfigReference } from './runtime/docs/config-reference';\nexport { renderExamplesIndex } from './runtime/docs/examples-index';",
      resolveDir: root,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    splitting: false,
    format: 'esm',
    platform: 'node',
    plugins: [rawText],
    // Loaded from node_modules, as in dist/ (they find their wasm next to themselves).
    external: ['wasmoon', 'electron', 'quickjs-emscripten', 'quickjs-emscripten-core', '@jitl/*'],
    logLevel: 'error',
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  });
  const { renderCliReference, renderConfigReference, renderExamplesIndex } = await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
  return {
    'docs/cli-reference.md': await renderCliReference(),
    'docs/configuration.md': renderConfigReference(),
    'docs/examples.md': renderExamplesIndex(root),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [file, text] of Object.entries(await renderDocs())) {
    writeFileSync(path.join(root, file), text);
    console.error(`wrote ${file}`);
  }
  process.exit(0);
}
