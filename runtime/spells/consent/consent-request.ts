import { createHash } from 'node:crypto';
import type { ConsentRequest, ConsentSignature } from '../../contract/consent';
import type { SpellManifest } from '../../contract/spell-manifest';
import { describePermissions } from '../../contract/spell-permissions';

const sorted = (items: readonly string[]) => [...new Set(items)].sort();

/**
 * What a spell may do, for the consent dialog, from its validated manifest and who signed it. The
 * fingerprint hashes every item a grant covers, in a canonical order, so a grant matches exactly
 * this permission set, these limits, these nested spells and this publisher.
 */
export function consentRequest(manifest: SpellManifest, signature: ConsentSignature): ConsentRequest {
  const p = manifest.permissions;
  const body = {
    name: manifest.name,
    version: manifest.version,
    declared: manifest.permissionsDeclared,
    llm: { providers: sorted(p.llm.providers), models: sorted(p.llm.models) },
    storage: { own: p.storage, shared: sorted(p.sharedStorage) },
    network: sorted(p.network),
    tools: sorted(p.tools),
    mcp: sorted(p.mcp),
    secrets: sorted(p.secrets),
    limits: { ...manifest.limits },
    spells: [...manifest.dependencies].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((d) => ({ name: d.name, range: d.range })),
  };
  const canonical = JSON.stringify({ ...body, limits: Object.fromEntries(Object.entries(body.limits).sort()), publisher: signature.status === 'signed' ? (signature.publisher ?? '') : '' });
  const fingerprint = createHash('sha256').update(canonical).digest('hex');
  return {
    ...body,
    description: manifest.description,
    ...(manifest.author !== undefined ? { author: manifest.author } : {}),
    signature,
    lines: consentLines(manifest, signature),
    fingerprint,
  };
}

/** One line per item a grant covers, in the words `llmspell install` uses. */
function consentLines(manifest: SpellManifest, signature: ConsentSignature): string[] {
  const lines = manifest.permissionsDeclared
    ? describePermissions(manifest.permissions)
    : ['no permissions section: it runs under your configured policy (every provider, host, tool and MCP server your settings allow)'];
  const { limits } = manifest;
  if (limits.timeout !== undefined) lines.push(`limit: wall time ${limits.timeout} s`);
  if (limits.memory !== undefined) lines.push(`limit: memory ${limits.memory} MB`);
  if (limits.cpu !== undefined) lines.push(`limit: CPU time ${limits.cpu} s`);
  if (limits.instructions !== undefined) lines.push(`limit: ${limits.instructions} instructions`);
  for (const d of manifest.dependencies) lines.push(`runs spell ${d.name} ${d.range} (nested, never with more than these permissions)`);
  lines.push(signatureLine(signature));
  return lines;
}

/** How a spell's origin reads in the dialog and in Settings. */
export function signatureLine(signature: ConsentSignature): string {
  const key = signature.publisher ? signature.publisher.slice(0, 16) : '';
  if (signature.status === 'signed') return `signed by key ${key}${signature.keyFile ? ` (${signature.keyFile})` : ' (no longer among your trusted keys)'}`;
  if (signature.status === 'modified') return `modified since it was installed: its files no longer match its digest${key ? ` (it was signed by key ${key})` : ''}`;
  return 'unsigned: no trusted key vouches for who made it';
}

/**
 * True when running the spell needs the user's yes: it may do anything at all. A manifest that
 * declares an empty permissions section, no nested spells and no limits asks for nothing.
 */
export function asksForAnything(request: ConsentRequest): boolean {
  if (!request.declared) return true;
  // Limits alone ask for nothing: the user's configuration stays their ceiling.
  const { llm, storage, network, tools, mcp, secrets, spells } = request;
  return llm.providers.length + storage.shared.length + network.length + tools.length + mcp.length + secrets.length + spells.length > 0 || storage.own;
}
