import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePath, movePath, pathExists, setManifestName } from './spell-fs';
import { toSummary, type StudioLibrary } from './studio-library';
import { badInput, StudioError } from './studio-error';
import type { StudioEvents } from './studio-events';
import type { HandlersFor } from './studio-handlers';

/** What the trash needs. */
export interface TrashDeps {
  library: StudioLibrary;
  events: StudioEvents;
  /** `$LLMSPELL_HOME/trash` */
  root: string;
}

interface TrashMeta {
  name: string;
  originalPath: string;
  deletedAt: number;
}

/** `1718000000000-0123456789ab`: the only shape a trash id has, so an id can never name another path. */
const TRASH_ID = /^\d{13}-[0-9a-f]{12}$/;

/**
 * Deleting moves a spell into `$LLMSPELL_HOME/trash/<id>/` next to a note of where it came from;
 * restoring moves it back (beside it, under a free name, when the place was taken meanwhile). Nothing
 * is ever removed for good here.
 */
export function trashService({ library, events, root }: TrashDeps): HandlersFor<'library.delete' | 'library.trash' | 'library.restore'> {
  const metaOf = async (trashId: string): Promise<TrashMeta | undefined> => {
    try {
      return JSON.parse(await readFile(path.join(root, trashId, 'trash.json'), 'utf8')) as TrashMeta;
    } catch {
      return undefined;
    }
  };
  const itemOf = (trashId: string, meta: TrashMeta) => path.join(root, trashId, path.basename(meta.originalPath));

  return {
    'library.delete': async ({ path: spellPath }) => {
      const entry = library.locate(spellPath);
      const trashId = `${Date.now()}-${randomBytes(6).toString('hex')}`;
      const dir = path.join(root, trashId);
      await mkdir(dir, { recursive: true });
      const meta: TrashMeta = { name: entry.name, originalPath: entry.path, deletedAt: Date.now() };
      // The note is written first: a crash mid-move leaves a restorable entry, not an orphan.
      await writeFile(path.join(dir, 'trash.json'), JSON.stringify(meta));
      await movePath(entry.path, itemOf(trashId, meta));
      library.refresh();
      events.emit('library', { reason: 'deleted' });
      return { trashId };
    },
    'library.trash': async () => {
      const ids = (await readdir(root).catch(() => [] as string[])).filter((id) => TRASH_ID.test(id));
      const items = [];
      for (const trashId of ids) {
        const meta = await metaOf(trashId);
        if (meta && (await pathExists(itemOf(trashId, meta)))) items.push({ trashId, name: meta.name, deletedAt: meta.deletedAt });
      }
      return items.sort((a, b) => b.deletedAt - a.deletedAt);
    },
    'library.restore': async ({ trashId }) => {
      // Why: the id becomes part of a path; only our own id shape may reach the file system.
      if (!TRASH_ID.test(trashId)) throw badInput('trashId', `expected an id from library.trash, got ${JSON.stringify(trashId)}`);
      const meta = await metaOf(trashId);
      const item = meta && itemOf(trashId, meta);
      if (!meta || !item || !(await pathExists(item))) throw new StudioError(`trashId: nothing in the trash under ${trashId}`, 'not_found');
      const folders = library.current().folders.map((f) => f.path);
      const parent = folders.includes(path.dirname(meta.originalPath)) ? path.dirname(meta.originalPath) : library.userFolder();
      const ext = path.extname(meta.originalPath);
      const single = ext === '.lua' || ext === '.js';
      const base = path.basename(meta.originalPath, single ? ext : '');
      const target = (await pathExists(path.join(parent, path.basename(meta.originalPath))))
        ? await freePath(parent, `${base}-restored`, single ? ext : '')
        : path.join(parent, path.basename(meta.originalPath));
      await mkdir(parent, { recursive: true });
      await movePath(item, target);
      if (target !== meta.originalPath && !single) await setManifestName(target, path.basename(target));
      await rm(path.join(root, trashId), { recursive: true, force: true });
      library.refresh();
      events.emit('library', { reason: 'restored' });
      return toSummary(library.locate(target, 'trashId'));
    },
  };
}
