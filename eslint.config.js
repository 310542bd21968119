// Lint + the dependency rule of shared/DESIGN.md, enforced mechanically.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const nodeBuiltins = { group: ['node:*'], message: 'runtime/contract runs everywhere: no Node APIs.' };
const electronImport = { name: 'electron', message: 'Only electron/ may import electron.' };

// The parts of the house and the one-way rules between them, as shared/architecture.json draws them
// ("never": an import from the first part into the second is refused, type-only imports included).
const parts = {
  Contract: ['./runtime/contract', './runtime/yaml'],
  Engines: ['./runtime/engines'],
  Host: ['./runtime/host'],
  Bridges: ['./runtime/bridges'],
  LLM: ['./runtime/llm'],
  Tools: ['./runtime/tools'],
  Guard: ['./runtime/security', './runtime/config'],
  Spells: ['./runtime/spells'],
  Flows: ['./runtime/workflows'],
  Services: ['./runtime/services', './runtime/studio'],
  UI: ['./renderer'],
};
const never = [
  ['Contract', 'Host', 'the contract knows no runtime'],
  ['UI', 'Host', 'the renderer sees only the contract'],
  ['UI', 'Services', 'the renderer sees only the contract'],
  ['Engines', 'Host', 'engines never import host code'],
  ['Bridges', 'Host', 'bridges get host services from their context'],
  ['Bridges', 'Flows', 'bridges get the workflow runner from their context'],
  ['Tools', 'Bridges', 'tools know nothing of the bridges that expose them'],
  ['Guard', 'Bridges', 'policy does not depend on the API it guards'],
  ['Guard', 'LLM', 'policy does not depend on providers'],
  ['Spells', 'Services', 'the spell model does not run spells'],
  ['Spells', 'Host', 'the spell model does not run spells'],
];
const neverZones = never.map(([from, to, why]) => ({ target: parts[from], from: parts[to], message: `never ${from} -> ${to}: ${why}.` }));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tsbuild/', '.tmp/', 'coverage/', 'renderer/dist/', 'types/', 'release/', 'build/generated/'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './runtime/contract', from: './runtime', except: ['./contract'], message: 'contract imports nothing of ours.' },
            { target: './runtime', from: './electron', message: 'runtime never imports electron/.' },
            { target: './runtime', from: './renderer', message: 'runtime never imports the renderer.' },
            { target: './runtime', from: './spells', message: 'spells are loaded by path, never imported.' },
            { target: './renderer', from: './runtime', except: ['./contract'], message: 'renderer sees only runtime/contract.' },
            { target: './renderer', from: './electron', message: 'renderer talks through renderer/ipc/client.ts only.' },
            { target: './electron/preload', from: './runtime', except: ['./contract'], message: 'preload sees only the contract.' },
            ...neverZones,
          ],
        },
      ],
      'import-x/no-cycle': 'error',
    },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
  },
  {
    // The JavaScript prelude's parts are scripts that share one scope (engines/js/prelude/index.ts):
    // a top-level name is used by another part, so only locals are checked for use; tsc (checkJs,
    // engines/js/prelude/tsconfig.json) checks that every name used is defined somewhere.
    files: ['runtime/engines/js/prelude/*.js'],
    languageOptions: { sourceType: 'script' },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { vars: 'local', argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
  {
    files: ['runtime/contract/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport], patterns: [nodeBuiltins] }] },
  },
  {
    files: ['runtime/**/*.ts', 'test/**/*.ts'],
    ignores: ['runtime/contract/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport] }] },
  },
  {
    // The renderer runs in a browser page: no Node APIs; only renderer/state imports zustand.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/state/**', 'renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport, { name: 'zustand', message: 'Stores live in renderer/state; import them from there.' }],
          patterns: [{ group: ['node:*'], message: 'The renderer runs in a browser: no Node APIs.' }, { group: ['zustand/*'], message: 'Stores live in renderer/state.' }],
        },
      ],
    },
  },
  {
    // Build scripts import vite, whose own files the legacy node resolver cannot read; they are
    // leaves (nothing imports them), so they cannot be part of a cycle.
    files: ['renderer/vite.config.ts', 'renderer/build.mjs'],
    rules: { 'import-x/no-cycle': 'off' },
  },
  {
    files: ['renderer/state/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport], patterns: [{ group: ['node:*'], message: 'The renderer runs in a browser: no Node APIs.' }] }] },
  },
);
