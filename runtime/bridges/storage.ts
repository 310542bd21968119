/**
 * The `storage` bridge, host side: a spell's files, inside the storage jail of its run
 * (`$LLMSPELL_HOME/storage`). Paths are relative (`notes/today.txt`); see runtime/security/storage-jail.ts.
 */
import { z } from 'zod';
import { storageOf } from '../security/run-capabilities';
import { argument } from './bridge-args';
import type { BridgeHandlers } from './types';

const Path = z.string({ error: 'a string' });
const Content = z.string({ error: 'a string' });
const Pattern = z.string({ error: "a string like '*.txt'" }).optional();

/** Handlers of the `storage` bridge, keyed by method name. */
export const storageHandlers: BridgeHandlers = {
  /** `storage.read(path)` → the file's text. */
  'storage.read': async (args, ctx) => storageOf(ctx).read(argument('storage.read', args, 0, 'path', Path)),

  /** `storage.write(path, content)` → true; replaces the file atomically, creating folders. */
  'storage.write': async (args, ctx) => {
    const path = argument('storage.write', args, 0, 'path', Path);
    await storageOf(ctx).write(path, argument('storage.write', args, 1, 'content', Content));
    return true;
  },

  /** `storage.exists(path)` → whether the file exists. */
  'storage.exists': async (args, ctx) => storageOf(ctx).exists(argument('storage.exists', args, 0, 'path', Path)),

  /** `storage.delete(path)` → true when a file was deleted, false when there was none. */
  'storage.delete': async (args, ctx) => storageOf(ctx).delete(argument('storage.delete', args, 0, 'path', Path)),

  /** `storage.list(pattern?)` → sorted relative paths; `*`, `?` within a folder, `**` across folders. */
  'storage.list': async (args, ctx) => storageOf(ctx).list(argument('storage.list', args, 0, 'pattern', Pattern)),
};
