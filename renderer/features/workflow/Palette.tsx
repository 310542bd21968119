import type { DragEvent } from 'react';
import { NODE_CATEGORIES, NODE_DESCRIPTIONS } from '../../../runtime/contract/workflow-nodes';

/** The drag data type of a palette entry. */
export const PALETTE_MIME = 'application/x-llmspell-node';

/** Every registered node type, grouped, each with its one-line description; add by click or drag. */
export function Palette({ onAdd }: { onAdd(type: string): void }) {
  const start = (e: DragEvent, type: string) => {
    e.dataTransfer.setData(PALETTE_MIME, type);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="wf-palette" aria-label="Node palette">
      {NODE_CATEGORIES.map((group) => {
        const types = NODE_DESCRIPTIONS.filter((d) => d.category === group.id);
        if (types.length === 0) return null;
        return (
          <section key={group.id} className="wf-palette-group" aria-label={group.title}>
            <h4 className="wf-palette-title">{group.title}</h4>
            {types.map((d) => (
              <button key={d.type} type="button" className="wf-palette-item" aria-label={`Add ${d.type} node`} title={d.description} draggable onDragStart={(e) => start(e, d.type)} onClick={() => onAdd(d.type)}>
                <span className="wf-palette-name">{d.title}</span>
                <span className="wf-palette-desc">{d.description}</span>
              </button>
            ))}
          </section>
        );
      })}
    </nav>
  );
}
