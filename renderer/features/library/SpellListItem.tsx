import { memo } from 'react';
import type { SpellSummary } from '../../../runtime/contract/studio-api';
import { commands, useEditor } from '../../state';
import { Icon } from '../layout/Icon';
import { downloadBundle } from '../consent/BundleImport';
import type { SpellAction } from './SpellActionDialogs';

interface SpellListItemProps {
  spell: SpellSummary;
  onAction(kind: SpellAction['kind'] | 'batch', spell: SpellSummary): void;
}

/** One spell: a button that opens it (never runs it), its badges, description and actions. */
export const SpellListItem = memo(function SpellListItem({ spell, onAction }: SpellListItemProps) {
  const open = useEditor((s) => s.spell?.path === spell.path);
  const descriptionId = `spell-desc-${spell.path.replace(/\W+/g, '-')}`;
  return (
    <li className={open ? 'spell-item open' : 'spell-item'}>
      <div className="spell-title-row">
        <button type="button" className="spell-open" aria-current={open ? 'true' : undefined} aria-describedby={descriptionId} onClick={() => void commands.openSpell(spell.path)}>
          {spell.name}
        </button>
        <span className={`badge engine-${spell.engine}`}>{spell.engine === 'javascript' ? 'js' : spell.engine}</span>
        {spell.problems?.length ? (
          <span className="badge badge-warn" title={spell.problems.join('\n')}>
            <Icon name="warning" size={11} /> <span className="visually-hidden">has problems</span>
          </span>
        ) : null}
      </div>
      <p id={descriptionId} className="spell-description">
        {spell.description || <span className="muted">No description</span>}
      </p>
      {spell.tags.length > 0 && (
        <ul className="tag-list" aria-label="Tags">
          {spell.tags.map((t) => (
            <li key={t} className="tag">
              {t}
            </li>
          ))}
        </ul>
      )}
      <div className="spell-actions">
        <button type="button" className="mini-button" aria-label={`Batch ${spell.name}`} title="Batch: run over every row of a file" onClick={() => onAction('batch', spell)}>
          <Icon name="rows" size={13} />
        </button>
        {spell.engine !== 'workflow' && (
          <button type="button" className="mini-button" aria-label={`Export ${spell.name}`} title="Export as a .spell bundle (signed when a signing key is set up)" onClick={() => void downloadBundle(spell.path)}>
            <Icon name="download" size={13} />
          </button>
        )}
        <button type="button" className="mini-button" aria-label={`Duplicate ${spell.name}`} title="Duplicate" onClick={() => onAction('duplicate', spell)}>
          <Icon name="copy" size={13} />
        </button>
        <button type="button" className="mini-button" aria-label={`Rename ${spell.name}`} title="Rename" onClick={() => onAction('rename', spell)}>
          <Icon name="pencil" size={13} />
        </button>
        <button type="button" className="mini-button danger" aria-label={`Delete ${spell.name}`} title="Delete" onClick={() => onAction('delete', spell)}>
          <Icon name="trash" size={13} />
        </button>
      </div>
    </li>
  );
});
