import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, loadConfig, userConfigPath, type LoadedConfig } from '../../config';
import { defaultRendererDir } from '../../server/static-files';
import { fail, pass, type CheckResult } from './check';

/** The configuration loads and is valid; which files it came from. */
export function checkConfig(cwd: string, env: NodeJS.ProcessEnv, home: string): { result: CheckResult; loaded?: LoadedConfig } {
  const files = [userConfigPath(home), path.join(cwd, 'llmspell.yaml')].filter((file) => existsSync(file));
  try {
    const loaded = loadConfig({ cwd, env, home });
    const from = files.length > 0 ? files.join(', ') : 'no config file (defaults and environment; `llmspell config init` writes one)';
    return { result: pass('config', `${from}; provider ${loaded.config.provider}`), loaded };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { result: fail('config', `invalid:\n${indent(error.message)}`, 'correct the entries above (`llmspell config show` prints the effective values)') };
  }
}

/** The storage bridge's folder (`$LLMSPELL_HOME/storage`) can be created, written and cleaned. */
export async function checkStorage(home: string): Promise<CheckResult> {
  const dir = path.join(home, 'storage');
  const probe = path.join(dir, `.doctor-${process.pid}.tmp`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(probe, 'ok');
    await rm(probe);
    return pass('storage', `${dir} is writable`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return fail('storage', `${dir} is not writable (${code})`, `make ${dir} writable by you, or point LLMSPELL_HOME at a writable folder`);
  }
}

/** The studio's built renderer is where `llmspell studio` serves it from. */
export function checkStudioAssets(rendererDir = defaultRendererDir()): CheckResult {
  const index = path.join(rendererDir, 'index.html');
  if (existsSync(index)) return pass('studio assets', rendererDir);
  return fail('studio assets', `${index} is missing`, 'in a source checkout run `npm run build:renderer`; otherwise reinstall llmspell');
}

const indent = (text: string) => text.split('\n').map((line) => `    ${line}`).join('\n');
