import { useMemo, useState, type KeyboardEvent } from 'react';
import type { SpellSummary } from '../../../runtime/contract/studio-api';
import { allTags, filterSpells, useLibrary, useUi } from '../../state';
import { SpellActionDialogs, type SpellAction } from './SpellActionDialogs';
import { BatchDialog } from '../batch/BatchDialog';
import { SpellListItem } from './SpellListItem';
import { BundleNotice, ImportBundleButton, useBundleDrop } from '../consent/BundleImport';

/** Moves focus between the spells of the list with the arrow keys, Home and End. */
function onListKeyDown(e: KeyboardEvent<HTMLUListElement>): void {
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('.spell-open')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
  if (next === undefined || !buttons.length) return;
  e.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, next))]?.focus();
}

/** The library browser: search, tag filter, every spell with its engine and description. */
export function LibraryPanel() {
  const spells = useLibrary((s) => s.spells);
  const loaded = useLibrary((s) => s.loaded);
  const text = useLibrary((s) => s.text);
  const tag = useLibrary((s) => s.tag);
  const error = useLibrary((s) => s.error);
  const trashCount = useLibrary((s) => s.trash.length);
  const { setText, setTag } = useLibrary.getState();
  const openDialog = useUi((s) => s.openDialog);
  const [action, setAction] = useState<SpellAction | { kind: 'batch'; spell: SpellSummary } | null>(null);
  const tags = useMemo(() => allTags(spells), [spells]);
  const shown = useMemo(() => filterSpells(spells, text, tag), [spells, text, tag]);
  const drop = useBundleDrop();
  const act = (kind: SpellAction['kind'] | 'batch', spell: SpellSummary) => (kind === 'batch' ? setAction({ kind, spell }) : setAction({ kind, spell }));

  return (
    <nav className={drop.over ? 'library drop-target' : 'library'} id="library-pane" aria-label="Library" {...drop.props}>
      <div className="panel-header">
        <h2>Library</h2>
      </div>
      <div className="library-actions">
        <button type="button" className="button small" onClick={() => openDialog('new-spell')} title="New spell (Alt+N)">
          + New spell
        </button>
        <button type="button" className="button small" onClick={() => openDialog('new-workflow')} title="New workflow: input → LLM → output on the canvas">
          + New workflow
        </button>
        <ImportBundleButton />
      </div>
      <BundleNotice />
      <div className="library-filters">
        <input
          type="search"
          className="input"
          aria-label="Search spells"
          placeholder="Search spells  (Ctrl+P)"
          value={text}
          data-focus="search"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'ArrowDown' && (e.preventDefault(), document.querySelector<HTMLButtonElement>('.spell-open')?.focus())}
        />
        <select className="input" aria-label="Filter by tag" value={tag} onChange={(e) => setTag(e.target.value)}>
          <option value="">All tags</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <ul className="spell-list" aria-label="Spells" onKeyDown={onListKeyDown}>
        {shown.map((spell) => (
          <SpellListItem key={spell.path} spell={spell} onAction={act} />
        ))}
      </ul>
      {loaded && !shown.length && <p className="empty-note">{spells.length ? 'No spell matches.' : 'No spells yet. Create one from a template.'}</p>}
      <div className="library-footer">
        <span className="muted">
          {shown.length} of {spells.length} spells
        </span>
        <button type="button" className="link-button" onClick={() => openDialog('trash')}>
          Trash{trashCount ? ` (${trashCount})` : ''}
        </button>
      </div>
      {action?.kind === 'batch' ? <BatchDialog spell={action.spell} onDone={() => setAction(null)} /> : action && <SpellActionDialogs action={action} onDone={() => setAction(null)} />}
    </nav>
  );
}
