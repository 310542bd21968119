#!/usr/bin/env node
// `npm start`: until the studio exists, run the hello spell on the offline mock provider.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(process.execPath, [path.join(root, 'bin', 'llmspell.js'), 'run', path.join(root, 'spells', 'hello'), 'name=friend'], {
  stdio: 'inherit',
  env: { ...process.env, MOCK_LLM: process.env.MOCK_LLM ?? 'true' },
});
process.exitCode = result.status ?? 1;
