import { useId, useState } from 'react';
import type { SettingsView } from '../../../runtime/contract/studio-api';
import { useSettings } from '../../state';

type Provider = SettingsView['providers'][number];

/**
 * One provider: base URL, default model and API key. The key field starts empty every time: the
 * host never sends a key back, only whether one is set.
 */
export function ProviderForm({ provider, current }: { provider: Provider; current: boolean }) {
  const id = useId();
  const [baseUrl, setBaseUrl] = useState(provider.baseUrl ?? '');
  const [model, setModel] = useState(provider.model ?? '');
  const [apiKey, setApiKey] = useState('');
  const busy = useSettings((s) => s.busy);
  const [test, setTest] = useState<{ running: boolean; text: string; ok?: boolean }>({ running: false, text: '' });

  const testConnection = async () => {
    setTest({ running: true, text: 'Testing…' });
    const result = await useSettings.getState().testProvider({
      name: provider.name,
      ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
      ...(apiKey ? { apiKey } : {}),
    });
    const shown = result.ok ? result.models.slice(0, 8).join(', ') + (result.models.length > 8 ? ', …' : '') : '';
    setTest(
      result.ok
        ? { running: false, ok: true, text: `Connected: ${result.models.length} ${result.models.length === 1 ? 'model' : 'models'}${shown ? ` (${shown})` : ''}` }
        : { running: false, ok: false, text: `Connection failed: ${result.message}` },
    );
  };

  const save = async () => {
    const ok = await useSettings.getState().saveProvider({
      name: provider.name,
      ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
      ...(model.trim() ? { model: model.trim() } : {}),
      ...(apiKey ? { apiKey } : {}),
    });
    // The key leaves the page as soon as it is stored.
    if (ok) setApiKey('');
  };

  const summary = (
    <summary className="provider-summary">
      <span className="provider-name">{provider.name}</span>
      {current && <span className="badge badge-accent">current</span>}
      {provider.name !== 'mock' && <span className={provider.hasKey ? 'badge badge-ok' : 'badge'}>{provider.hasKey ? 'key set' : 'no key'}</span>}
      {/* The model runs use: the set one, else the provider's default. */}
      <span className="provider-model muted">{provider.runModel ?? provider.model ?? ''}</span>
    </summary>
  );
  if (provider.name === 'mock') {
    return (
      <details className="provider">
        {summary}
        <p className="muted provider-note">The built-in offline provider: canned answers, no network, nothing to configure.</p>
      </details>
    );
  }
  return (
    <details className="provider" open={current || undefined}>
      {summary}
      <form aria-label={`Provider ${provider.name}`} onSubmit={(e) => (e.preventDefault(), void save())}>
        <div className="provider-grid">
          <label htmlFor={`${id}-url`}>Base URL</label>
          <input id={`${id}-url`} className="input" type="url" placeholder="https://api.openai.com/v1" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} spellCheck={false} />
          <label htmlFor={`${id}-model`}>Default model</label>
          <input
            id={`${id}-model`}
            className="input"
            value={model}
            placeholder={provider.runModel ? `${provider.runModel} (what runs use now)` : undefined}
            onChange={(e) => setModel(e.target.value)}
            spellCheck={false}
          />
          <label htmlFor={`${id}-key`}>API key</label>
          <input
            id={`${id}-key`}
            className="input"
            type="password"
            autoComplete="off"
            placeholder={provider.hasKey ? 'Key set — type a new one to replace it' : 'Not set'}
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            spellCheck={false}
          />
        </div>
        <div className="provider-actions">
          <button type="submit" className="button small primary" disabled={busy}>
            Save {provider.name}
          </button>
          <button type="button" className="button small" disabled={test.running} aria-label={`Test connection to ${provider.name}`} onClick={() => void testConnection()}>
            Test connection
          </button>
        </div>
        <p className={test.ok === false ? 'provider-test text-error' : 'provider-test muted'} role="status" aria-label={`Connection test of ${provider.name}`}>
          {test.text}
        </p>
      </form>
    </details>
  );
}
