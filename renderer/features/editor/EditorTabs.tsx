import type { KeyboardEvent } from 'react';
import { isDirty, useEditor, useShallow } from '../../state';
import { focusTarget } from '../layout/focus';

/** Tabs for the spell's files (arrow keys move between them); a dot marks unsaved edits. */
export function EditorTabs() {
  const names = useEditor(useShallow((s) => s.files.map((f) => f.name)));
  const dirty = useEditor(useShallow((s) => s.files.filter(isDirty).map((f) => f.name)));
  const active = useEditor((s) => s.active);
  const select = useEditor((s) => s.select);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = names.indexOf(active ?? '');
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: names.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const name = names[(next + names.length) % names.length];
    if (name) {
      select(name);
      document.getElementById(tabId(name))?.focus();
    }
  };

  return (
    <div className="tabs" role="tablist" aria-label="Files" onKeyDown={onKeyDown}>
      {names.map((name) => {
        const selected = name === active;
        return (
          <button
            key={name}
            id={tabId(name)}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls="editor-panel"
            tabIndex={selected ? 0 : -1}
            className={selected ? 'tab active' : 'tab'}
            onClick={() => select(name)}
            onDoubleClick={() => focusTarget('editor')}
          >
            {name}
            {dirty.includes(name) && (
              <span className="dirty-dot" title="Unsaved changes">
                <span className="visually-hidden"> (unsaved)</span>
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

/** The DOM id of a file's tab. */
export function tabId(name: string): string {
  return `tab-${name.replace(/[^\w-]/g, '_')}`;
}
