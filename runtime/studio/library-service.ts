import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { SpellName } from '../contract/spell-manifest-fields';
import { CreateSpellError, createSpell } from '../spells/scaffold/create-spell';
import { createWorkflow } from '../spells/scaffold/create-workflow';
import type { RecoveryStore } from './recovery-store';
import { movePath, pathExists, setManifestName } from './spell-fs';
import { readSpellFiles } from './spell-files';
import { isSingleFile, toSummary, type StudioLibrary } from './studio-library';
import { badInput, StudioError } from './studio-error';
import type { StudioEvents } from './studio-events';
import type { HandlersFor } from './studio-handlers';

/** What the library service needs. */
export interface LibraryDeps {
  library: StudioLibrary;
  events: StudioEvents;
  recovery: RecoveryStore;
}

type LibraryMethods = 'library.list' | 'library.tags' | 'library.open' | 'library.create' | 'library.duplicate' | 'library.rename';

/**
 * Browsing and shaping the library: list and search, tags, open (reads files, never runs a spell),
 * create from a template, duplicate and rename. New spells go to the user's library folder.
 */
export function libraryService({ library, events, recovery }: LibraryDeps): HandlersFor<LibraryMethods> {
  /** Refreshes the index, tells every window, and returns the spell now at `spellPath`. */
  const changed = (reason: string, spellPath: string) => {
    library.refresh();
    events.emit('library', { reason });
    return toSummary(library.locate(spellPath));
  };

  /** Checks a new name: kebab-case, and not already a spell in the library. */
  const checkNewName = (name: string) => {
    const parsed = SpellName.safeParse(name);
    if (!parsed.success) throw badInput('name', `expected ${parsed.error.issues[0]?.message ?? 'a kebab-case name'}, got ${JSON.stringify(name)}`);
    if (library.findByName(name)) throw new StudioError(`name: a spell called ${name} is already in the library`, 'exists');
  };

  return {
    'library.list': ({ text, tag }) => {
      library.refresh();
      const lib = library.current();
      const entries = text || tag ? lib.search({ text, tag }) : lib.entries();
      return entries.map(toSummary);
    },
    'library.tags': () => {
      library.refresh();
      const counts = new Map<string, number>();
      for (const entry of library.current().entries()) for (const tag of entry.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : 1));
    },
    'library.open': async ({ path: spellPath }) => {
      const entry = library.locate(spellPath);
      return { spell: toSummary(entry), files: await readSpellFiles(entry.path, entryFile(entry.engine)) };
    },
    'library.create': async ({ name, template, engine }) => {
      checkNewName(name);
      const parent = library.userFolder();
      await mkdir(parent, { recursive: true });
      let dir: string;
      try {
        dir = template === 'workflow' ? createWorkflow(name, parent).file : createSpell(name, { parent, engine, template }).dir;
      } catch (error) {
        if (error instanceof CreateSpellError) throw new StudioError(`name: ${error.message}`, 'exists');
        throw error;
      }
      return changed('created', dir);
    },
    'library.duplicate': async ({ path: spellPath, name }) => {
      const entry = library.locate(spellPath);
      checkNewName(name);
      const ext = path.extname(entry.path);
      const single = isSingleFile(entry);
      const target = path.join(library.userFolder(), single ? `${name}${ext}` : name);
      if (await pathExists(target)) throw new StudioError(`name: ${target} already exists`, 'exists');
      await mkdir(library.userFolder(), { recursive: true });
      // Why verbatimSymlinks: a link inside the spell is copied as a link, never followed and inlined.
      await cp(entry.path, target, { recursive: true, errorOnExist: true, force: false, verbatimSymlinks: true });
      if (!single) await setManifestName(target, name);
      return changed('duplicated', target);
    },
    'library.rename': async ({ path: spellPath, name }) => {
      const entry = library.locate(spellPath);
      if (name === entry.name) return toSummary(entry);
      checkNewName(name);
      const single = isSingleFile(entry);
      const target = path.join(path.dirname(entry.path), single ? `${name}${path.extname(entry.path)}` : name);
      if (await pathExists(target)) throw new StudioError(`name: ${target} already exists`, 'exists');
      await movePath(entry.path, target);
      if (!single) await setManifestName(target, name);
      // Unsaved edits follow the spell to its new path.
      await recovery.move(entry.path, target);
      return changed('renamed', target);
    },
  };
}

function entryFile(engine: string): string {
  return engine === 'javascript' ? 'main.js' : engine === 'tengo' ? 'main.tengo' : 'main.lua';
}
