import { useEffect } from 'react';
import { useConsent } from '../../state';

/** The approvals given to installed spells, each revocable: a revoked spell asks again before it runs. */
export function GrantsForm() {
  const grants = useConsent((s) => s.grants);
  const error = useConsent((s) => s.grantsError);
  useEffect(() => void useConsent.getState().loadGrants(), []);
  return (
    <section aria-labelledby="grants-title">
      <h3 id="grants-title">Spell permissions</h3>
      {error && (
        <p className="text-error" role="alert">
          {error}
        </p>
      )}
      {grants && !grants.length && <p className="muted">No installed spell has been approved yet; each asks before its first run.</p>}
      {grants && grants.length > 0 && (
        <ul className="grant-list" aria-label="Approved spells">
          {grants.map((g) => (
            <li key={`${g.name}@${g.version}`} className="grant-item">
              <div>
                <strong>
                  {g.name} {g.version}
                </strong>{' '}
                <span className="muted">approved {new Date(g.grantedAt).toLocaleString()}{g.via === 'cli' ? ' (llmspell)' : ''}</span>
                <ul aria-label={`What ${g.name} ${g.version} may do`}>
                  {g.lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </div>
              <button type="button" className="button small" aria-label={`Revoke ${g.name} ${g.version}`} onClick={() => void useConsent.getState().revoke(g.name, g.version)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
