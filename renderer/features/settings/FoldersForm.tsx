import { useState } from 'react';
import { useLibrary, useSettings } from '../../state';
import { Icon } from '../layout/Icon';

/** The folders the library lists spells from: add or remove, then save. */
export function FoldersForm({ folders }: { folders: string[] }) {
  const [list, setList] = useState(folders);
  const [adding, setAdding] = useState('');
  const changed = JSON.stringify(list) !== JSON.stringify(folders);
  const add = () => {
    const folder = adding.trim();
    if (folder && !list.includes(folder)) setList([...list, folder]);
    setAdding('');
  };
  return (
    <section aria-labelledby="folders-title">
      <h3 id="folders-title">Library folders</h3>
      <ul className="folder-list">
        {list.map((folder) => (
          <li key={folder}>
            <span className="mono">{folder}</span>
            <button type="button" className="mini-button" aria-label={`Remove ${folder}`} onClick={() => setList(list.filter((f) => f !== folder))}>
              <Icon name="close" size={12} />
            </button>
          </li>
        ))}
      </ul>
      <div className="folder-add">
        <input className="input mono" aria-label="Folder to add" placeholder="/path/to/spells" value={adding} onChange={(e) => setAdding(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), add())} />
        <button type="button" className="button small" onClick={add} disabled={!adding.trim()}>
          Add
        </button>
        <button type="button" className="button small primary" disabled={!changed} onClick={() => void useSettings.getState().update({ libraryFolders: list }).then((ok) => void (ok && useLibrary.getState().load()))}>
          Save folders
        </button>
      </div>
    </section>
  );
}
