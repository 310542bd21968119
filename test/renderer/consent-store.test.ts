import { describe, expect, it } from 'vitest';
import type { ConsentRequest } from '../../runtime/contract/consent';
import { consentRows } from '../../renderer/features/consent/consent-rows';
import { createConsentStore, fromBase64, toBase64 } from '../../renderer/state/consent-store';
import { FakeClient } from './fake-client';

const request: ConsentRequest = {
  name: 'greeter',
  version: '1.0.0',
  description: 'Greets',
  declared: true,
  llm: { providers: ['*'], models: ['*'] },
  storage: { own: false, shared: [] },
  network: ['api.example.com'],
  tools: [],
  mcp: ['files'],
  secrets: [],
  limits: {},
  spells: [{ name: 'helper', range: '^1.0.0' }],
  signature: { status: 'unsigned' },
  lines: ['network: api.example.com'],
  fingerprint: 'f'.repeat(64),
};

describe('consent in the page', () => {
  it('spells out every kind of access, none included', () => {
    expect(consentRows(request)).toEqual([
      { label: 'LLM providers', value: 'any provider; models: any model' },
      { label: 'Storage', value: 'none' },
      { label: 'Network hosts', value: 'api.example.com' },
      { label: 'Tools', value: 'none' },
      { label: 'MCP servers', value: 'files' },
      { label: 'Secrets', value: 'none' },
      { label: 'Limits', value: 'your settings' },
      { label: 'Nested spell runs', value: 'helper ^1.0.0' },
      { label: 'Signature', value: 'Unsigned: no trusted key vouches for who made it' },
    ]);
    expect(consentRows({ ...request, declared: false }).find((r) => r.label === 'Network hosts')?.value).toBe('whatever your settings allow');
  });

  it('runs only after an approval; a decline grants nothing', async () => {
    const client = new FakeClient()
      .handle('consent.check', () => ({ required: true, granted: false, status: 'revoked', request }))
      .handle('consent.grant', ({ fingerprint }) => ({ name: 'greeter', version: '1.0.0', fingerprint, lines: [], grantedAt: 1, via: 'studio' }));
    const store = createConsentStore(client);
    const declined = store.getState().ensure('/s/greeter');
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().prompt).toMatchObject({ kind: 'run', status: 'revoked' });
    await store.getState().decline();
    expect(await declined).toBe(false);
    expect(client.inputs('consent.grant')).toEqual([]);

    const approved = store.getState().ensure('/s/greeter');
    await new Promise((r) => setTimeout(r, 0));
    await store.getState().approve();
    expect(await approved).toBe(true);
    expect(client.inputs('consent.grant')).toEqual([{ path: '/s/greeter', fingerprint: request.fingerprint }]);
    expect(store.getState().prompt).toBeNull();
  });

  it('uploads a picked file and discards it when declined', async () => {
    const client = new FakeClient().handle('bundles.upload', () => ({ uploadId: 'u1', request, unchanged: false })).handle('bundles.discard', () => ({ ok: true as const }));
    const store = createConsentStore(client);
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await store.getState().importFile(new File([bytes], 'greeter-1.0.0.spell'));
    expect(client.inputs('bundles.upload')).toEqual([{ fileName: 'greeter-1.0.0.spell', data: toBase64(bytes) }]);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(store.getState().prompt).toMatchObject({ kind: 'install', uploadId: 'u1' });
    await store.getState().decline();
    expect(client.inputs('bundles.discard')).toEqual([{ uploadId: 'u1' }]);
    expect(store.getState().notice).toEqual({ text: 'Declined: greeter 1.0.0 was not installed.', error: false });
  });
});
