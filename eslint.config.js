// Lint + the dependency rule of shared/DESIGN.md, enforced mechanically.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const nodeBuiltins = { group: ['node:*'], message: 'runtime/contract runs everywhere: no Node APIs.' };
const electronImport = { name: 'electron', message: 'Only electron/ may import electron.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tsbuild/', '.tmp/', 'coverage/', 'renderer/dist/', 'types/'] },
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
          ],
        },
      ],
      'import-x/no-cycle': 'error',
    },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
  },
  {
    files: ['runtime/contract/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport], patterns: [nodeBuiltins] }] },
  },
  {
    files: ['runtime/**/*.ts', 'renderer/**/*.{ts,tsx}', 'test/**/*.ts'],
    ignores: ['runtime/contract/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport] }] },
  },
);
