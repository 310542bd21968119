import { lstat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { RecoveryStore } from './recovery-store';
import { replaceFile } from './spell-fs';
import { MAX_FILE_BYTES } from './spell-files';
import type { StudioLibrary } from './studio-library';
import { badInput, StudioError } from './studio-error';
import type { StudioEvents } from './studio-events';
import type { HandlersFor } from './studio-handlers';

/** What the files service needs. */
export interface FilesDeps {
  library: StudioLibrary;
  events: StudioEvents;
  recovery: RecoveryStore;
}

type FileMethods = 'files.save' | 'files.saveRecovery' | 'files.recovery' | 'files.discardRecovery';

/** Refuses content the editor could not have opened either. */
function checkSize(content: string): void {
  if (Buffer.byteLength(content) > MAX_FILE_BYTES) throw badInput('content', `larger than ${MAX_FILE_BYTES / 2 ** 20} MB`);
}

/**
 * Saving spell files and keeping unsaved edits. A save is atomic (temp file, fsync, rename) and is
 * refused when the file changed on disk since the editor read it (`baseMtime`), so an edit made
 * elsewhere is never silently overwritten.
 */
export function filesService({ library, events, recovery }: FilesDeps): HandlersFor<FileMethods> {
  return {
    'files.save': async ({ path: spellPath, file, content, baseMtime }) => {
      checkSize(content);
      const entry = library.locate(spellPath);
      const target = library.fileIn(entry, file);
      const before = await lstat(target).catch(() => undefined);
      if (before?.isDirectory()) throw badInput('file', `${file} is a folder`);
      if (baseMtime !== undefined) {
        if (!before) throw new StudioError(`${file} was deleted on disk after you opened it; save again without baseMtime to recreate it`, 'stale');
        // Why: refusing a stale write is what keeps another editor's (or git's) change from being lost.
        if (before.mtimeMs !== baseMtime) throw new StudioError(`${file} changed on disk after you opened it; reload it (your edit is kept as a recovery copy if you saved one)`, 'stale');
      }
      await mkdir(path.dirname(target), { recursive: true });
      await replaceFile(target, content);
      const after = await lstat(target);
      // The library shows the manifest (or a lone file's first comment): tell windows when those may have changed.
      if (file === 'spell.yaml' || !before || target === entry.path) {
        library.refresh();
        events.emit('library', { reason: 'saved' });
      }
      return { mtime: after.mtimeMs };
    },
    'files.saveRecovery': async ({ path: spellPath, file, content }) => {
      checkSize(content);
      const entry = library.locate(spellPath);
      library.fileIn(entry, file);
      await recovery.save(entry.path, file, content);
      return { ok: true as const };
    },
    'files.recovery': async ({ path: spellPath }) => recovery.list(library.locate(spellPath).path),
    'files.discardRecovery': async ({ path: spellPath, file }) => {
      const entry = library.locate(spellPath);
      library.fileIn(entry, file);
      await recovery.discard(entry.path, file);
      return { ok: true as const };
    },
  };
}
