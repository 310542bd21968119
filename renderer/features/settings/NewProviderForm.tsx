import { useState } from 'react';
import { useSettings } from '../../state';

/** Adds a provider by name (an OpenAI-compatible endpoint); its details are then edited above. */
export function NewProviderForm({ existing }: { existing: string[] }) {
  const [name, setName] = useState('');
  const clean = name.trim();
  const problem = !clean ? undefined : !/^[a-z0-9][a-z0-9_-]*$/i.test(clean) ? 'Letters, digits, "-" and "_".' : existing.includes(clean) ? 'Already configured.' : undefined;
  return (
    <form
      className="new-provider"
      onSubmit={(e) => {
        e.preventDefault();
        if (!clean || problem) return;
        void useSettings.getState().saveProvider({ name: clean }).then((ok) => ok && setName(''));
      }}
    >
      <input className="input" aria-label="New provider name" placeholder="Add a provider (e.g. my-server)" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={problem ? true : undefined} />
      <button type="submit" className="button small" disabled={!clean || !!problem}>
        Add provider
      </button>
      {problem && <span className="field-error">{problem}</span>}
    </form>
  );
}
