import { selectActiveDiagnostics, useConnection, useEditor } from '../../state';
import { Icon } from './Icon';

const CONNECTION_TEXT = { open: 'Connected', connecting: 'Connecting…', closed: 'Disconnected — reconnecting…' } as const;

/** The bottom line: connection to the host, the open file's language and its problems. */
export function StatusBar() {
  const connection = useConnection((s) => s.state);
  const active = useEditor((s) => s.active);
  const problems = useEditor(selectActiveDiagnostics);
  const errors = problems.filter((d) => d.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <footer className="status-bar">
      <span className={`connection connection-${connection}`} role="status">
        <span className="connection-dot" aria-hidden="true" /> {CONNECTION_TEXT[connection]}
      </span>
      {active && (
        <span className="status-problems" title={`Problems in ${active}`}>
          <span className={errors ? 'text-error' : 'muted'}>
            <Icon name="close" size={11} /> {errors}
            <span className="visually-hidden"> {errors === 1 ? 'error' : 'errors'}</span>
          </span>
          <span className={warnings ? 'text-warn' : 'muted'}>
            <Icon name="warning" size={11} /> {warnings}
            <span className="visually-hidden"> {warnings === 1 ? 'warning' : 'warnings'}</span>
          </span>
        </span>
      )}
      <span className="status-spacer" />
      <span className="muted">Press ? for shortcuts</span>
    </footer>
  );
}
