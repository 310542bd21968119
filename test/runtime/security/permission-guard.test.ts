import { describe, expect, it } from 'vitest';
import { noPermissions } from '../../../runtime/contract/spell-permissions';
import { guardBridges } from '../../../runtime/security/permission-guard';

const ok = async () => 'ran';
const ctx = { services: {} };

describe('the permission guard', () => {
  it('denies a bridge module it does not know (issue 12 item 8)', async () => {
    const guarded = guardBridges({ 'payments.charge': ok, 'secrets.get': ok, 'io.read': ok }, noPermissions(), 'probe');
    await expect(guarded['payments.charge']!([], ctx)).rejects.toMatchObject({ code: 'permission_denied', message: expect.stringContaining("bridge module 'payments'") });
    await expect(guarded['secrets.get']!([], ctx)).rejects.toMatchObject({ code: 'permission_denied' });
    await expect(guarded['io.read']!([], ctx)).resolves.toBe('ran');
  });

  it('still checks the modules it knows', async () => {
    const guarded = guardBridges({ 'storage.read': ok }, noPermissions(), 'probe');
    await expect(guarded['storage.read']!([], ctx)).rejects.toThrow("does not grant storage (add to spell.yaml: permissions: { storage: true })");
    const granted = guardBridges({ 'storage.read': ok }, { ...noPermissions(), storage: true }, 'probe');
    await expect(granted['storage.read']!([], ctx)).resolves.toBe('ran');
  });
});
