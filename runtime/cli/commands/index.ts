import type { Command } from '../command';

/** A command known by name, loaded only when it runs: `llmspell run` never loads the studio server. */
export interface CommandEntry {
  name: string;
  load(): Promise<Command>;
}

const entry = (name: string, load: () => Promise<Command>): CommandEntry => ({ name, load });

/** Every `llmspell` command, one line each, in the order `llmspell help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  entry('run', async () => (await import('./run')).runCommand),
  entry('studio', async () => (await import('./studio')).studioCommand),
  entry('list', async () => (await import('./list')).listCommand),
  entry('info', async () => (await import('./info')).infoCommand),
  entry('create', async () => (await import('./create')).createCommand),
  entry('validate', async () => (await import('./validate')).validateCommand),
  entry('test', async () => (await import('./test')).testCommand),
  entry('batch', async () => (await import('./batch')).batchCommand),
  entry('worker', async () => (await import('./worker')).workerCommand),
  entry('pack', async () => (await import('./pack')).packCommand),
  entry('install', async () => (await import('./install')).installCommand),
  entry('keygen', async () => (await import('./keygen')).keygenCommand),
  entry('config', async () => (await import('./config')).configCommand),
  entry('mcp', async () => (await import('./mcp')).mcpCommand),
  entry('doctor', async () => (await import('./doctor')).doctorCommand),
  entry('trust', async () => (await import('./trust')).trustCommand),
  entry('version', async () => (await import('./version')).versionCommand),
];
