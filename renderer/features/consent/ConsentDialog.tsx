import { useConsent } from '../../state';
import { Dialog } from '../layout/Dialog';
import { Icon } from '../layout/Icon';
import { consentRows } from './consent-rows';

/**
 * Before an install, and before the first run of a spell installed from a bundle: exactly what it may
 * do, who signed it, and two answers. Closing the dialog (Escape, ×) declines.
 */
export function ConsentDialog() {
  const prompt = useConsent((s) => s.prompt);
  const busy = useConsent((s) => s.busy);
  if (!prompt) return null;
  const { request } = prompt;
  const { approve, decline } = useConsent.getState();
  const install = prompt.kind === 'install';
  const title = install ? `Install ${request.name} ${request.version}?` : `Allow ${request.name} ${request.version} to run?`;
  const why = install
    ? prompt.unchanged
      ? 'This exact bundle is installed already; approving keeps it and remembers your approval.'
      : prompt.replaces
        ? `It replaces the installed ${request.name} ${prompt.replaces}.`
        : `From ${prompt.fileName}.`
    : { none: 'It was installed from a bundle and has not been approved yet.', revoked: 'You revoked its approval.', changed: 'It asks for other permissions than you approved.' }[prompt.status];
  const warning =
    request.signature.status === 'unsigned'
      ? 'Unsigned: nobody you trust vouches for who made this spell. Approve only if you trust where the file came from.'
      : request.signature.status === 'modified'
        ? 'Its files changed since it was installed; the publisher no longer vouches for them.'
        : null;
  return (
    <Dialog
      title={title}
      onClose={() => void decline()}
      actions={
        <>
          <button type="button" className="button" onClick={() => void decline()} disabled={busy}>
            Decline
          </button>
          <button type="button" className="button primary" onClick={() => void approve()} disabled={busy}>
            {install ? 'Install' : 'Allow and run'}
          </button>
        </>
      }
    >
      <p>
        {request.description || <span className="muted">No description</span>}
        {request.author && <span className="muted"> — by {request.author}</span>}
      </p>
      <p className="muted">{why}</p>
      {warning && (
        <p className="banner banner-warn consent-warning">
          <Icon name="warning" size={13} /> <span>{warning}</span>
        </p>
      )}
      {!request.declared && (
        <p className="banner banner-warn consent-warning">
          <Icon name="warning" size={13} /> <span>It declares no permissions: it may use every provider, host, tool and MCP server your settings allow.</span>
        </p>
      )}
      <h3 className="consent-heading" id="consent-permissions-title">
        It may use
      </h3>
      <dl className="consent-list" aria-labelledby="consent-permissions-title">
        {consentRows(request).map((row) => (
          <div key={row.label} className="consent-row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
