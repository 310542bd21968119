import { useEffect } from 'react';
import { useSettings, useUi } from '../../state';
import { Dialog } from '../layout/Dialog';
import { ConsoleForm } from './ConsoleForm';
import { FoldersForm } from './FoldersForm';
import { GrantsForm } from './GrantsForm';
import { LimitsForm } from './LimitsForm';
import { PricesForm } from './PricesForm';
import { McpServersForm } from './McpServersForm';
import { NewProviderForm } from './NewProviderForm';
import { ProviderForm } from './ProviderForm';

/** Providers (base URL, key, default model), limits and library folders. Keys are write-only. */
export function SettingsDialog() {
  const close = useUi((s) => s.closeDialog);
  const view = useSettings((s) => s.view);
  const error = useSettings((s) => s.error);
  const notice = useSettings((s) => s.notice);
  const busy = useSettings((s) => s.busy);
  useEffect(() => void useSettings.getState().load(), []);

  return (
    <Dialog title="Settings" onClose={close} wide>
      {!view ? (
        <p className="muted">{error ?? 'Loading…'}</p>
      ) : (
        <div className="settings">
          <section aria-labelledby="providers-title">
            <h3 id="providers-title">Providers</h3>
            <div className="field field-inline">
              <label htmlFor="current-provider">Current provider</label>
              <select
                id="current-provider"
                className="input"
                value={view.currentProvider}
                disabled={busy}
                onChange={(e) => void useSettings.getState().update({ currentProvider: e.target.value })}
              >
                {view.providers.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            {view.providers.map((provider) => (
              <ProviderForm key={provider.name} provider={provider} current={provider.name === view.currentProvider} />
            ))}
            <NewProviderForm existing={view.providers.map((p) => p.name)} />
          </section>
          <LimitsForm limits={view.limits} />
          <PricesForm prices={view.prices} />
          <FoldersForm folders={view.libraryFolders} />
          <McpServersForm />
          <GrantsForm />
          <ConsoleForm />
          <p className="settings-feedback" role="status">
            {error ? <span className="text-error">{error}</span> : notice}
          </p>
        </div>
      )}
    </Dialog>
  );
}
