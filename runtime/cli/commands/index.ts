import type { Command } from '../command';
import { configCommand } from './config';
import { createCommand } from './create';
import { infoCommand } from './info';
import { installCommand } from './install';
import { keygenCommand } from './keygen';
import { listCommand } from './list';
import { packCommand } from './pack';
import { runCommand } from './run';
import { studioCommand } from './studio';
import { testCommand } from './test';
import { validateCommand } from './validate';
import { versionCommand } from './version';

/** Every `llmspell` command, one line each. */
export const COMMANDS: readonly Command[] = [
  runCommand,
  studioCommand,
  listCommand,
  infoCommand,
  createCommand,
  validateCommand,
  testCommand,
  packCommand,
  installCommand,
  keygenCommand,
  configCommand,
  versionCommand,
];
