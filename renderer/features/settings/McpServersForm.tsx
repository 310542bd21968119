import { useEffect, useId, useState } from 'react';
import type { McpServerView } from '../../../runtime/contract/mcp-settings';
import { parseSecretLines, useMcp } from '../../state';

function ServerRow({ server }: { server: McpServerView }) {
  const busy = useMcp((s) => s.busy);
  return (
    <li className="mcp-server" aria-label={`MCP server ${server.name}`}>
      <div className="mcp-server-head">
        <span className="provider-name">{server.name}</span>
        <span className="badge">{server.kind}</span>
        <span className={server.state === 'ready' ? 'badge badge-ok' : 'badge'}>{server.state}</span>
        {server.origin === 'config' && <span className="badge">from config</span>}
        <span className="mcp-server-actions">
          <button type="button" className="button small" disabled={busy} onClick={() => void useMcp.getState().test(server.name)}>
            Test
          </button>
          {server.origin === 'studio' && (
            <button type="button" className="button small" disabled={busy} onClick={() => void useMcp.getState().remove(server.name)}>
              Remove
            </button>
          )}
        </span>
      </div>
      <span className="mcp-server-target mono muted">{server.target}</span>
      {server.secretNames.length > 0 && <span className="muted">Secrets: {server.secretNames.join(', ')}</span>}
      {server.error && <span className="text-error">{server.error}</span>}
      {server.tools && (
        <details>
          <summary className="muted">{server.tools.length} tools</summary>
          <ul className="mcp-tools mono">
            {server.tools.map((tool) => (
              <li key={tool.name} title={tool.description}>
                {tool.name}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/** MCP servers: the configured ones (read-only here) and those added in the studio; add, test, remove. */
export function McpServersForm() {
  const id = useId();
  const servers = useMcp((s) => s.servers);
  const error = useMcp((s) => s.error);
  const notice = useMcp((s) => s.notice);
  const busy = useMcp((s) => s.busy);
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const [secrets, setSecrets] = useState('');
  useEffect(() => void useMcp.getState().load(), []);

  const isUrl = /^https?:\/\//.test(target.trim());
  const parsed = parseSecretLines(secrets);
  const save = async () => {
    if (!parsed) return;
    const words = target.trim().split(/\s+/);
    const ok = await useMcp.getState().save({
      name: name.trim(),
      ...(isUrl ? { url: target.trim(), headers: parsed } : { command: words[0] ?? '', args: words.slice(1), env: parsed }),
    });
    // Secret values leave the page as soon as they are stored.
    if (!ok) return;
    setName('');
    setTarget('');
    setSecrets('');
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>MCP servers</h3>
      <p className="muted">Their tools reach spells as server.tool; a spell with a manifest needs permissions: {'{ mcp: [name] }'}.</p>
      <ul className="mcp-servers">{servers?.map((server) => <ServerRow key={server.name} server={server} />)}</ul>
      <form aria-label="Add an MCP server" onSubmit={(e) => (e.preventDefault(), void save())}>
        <div className="provider-grid">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} className="input" placeholder="files" value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} />
          <label htmlFor={`${id}-target`}>Command or URL</label>
          <input id={`${id}-target`} className="input mono" placeholder="npx -y @modelcontextprotocol/server-filesystem /path" value={target} onChange={(e) => setTarget(e.target.value)} spellCheck={false} />
          <label htmlFor={`${id}-secrets`}>{isUrl ? 'Headers' : 'Environment'}</label>
          <textarea id={`${id}-secrets`} className="input mono" rows={2} value={secrets} onChange={(e) => setSecrets(e.target.value)} spellCheck={false} aria-invalid={parsed ? undefined : true} aria-describedby={`${id}-secrets-hint`} />
          <p id={`${id}-secrets-hint`} className="field-hint provider-grid-hint">
            KEY=value, one per line; stored as secrets.
          </p>
        </div>
        <button type="submit" className="button small primary mcp-add" disabled={busy || !name.trim() || !target.trim() || !parsed}>
          Add server
        </button>
      </form>
      <p className="settings-feedback" role="status">
        {error ? <span className="text-error">{error}</span> : notice}
      </p>
    </section>
  );
}
