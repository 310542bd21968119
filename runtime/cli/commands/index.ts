import type { Command } from '../command';
import { configCommand } from './config';
import { runCommand } from './run';
import { versionCommand } from './version';

/** Every `llmspell` command, one line each. */
export const COMMANDS: readonly Command[] = [runCommand, configCommand, versionCommand];
