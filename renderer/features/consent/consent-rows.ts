import type { ConsentRequest } from '../../../runtime/contract/consent';

/** One row of the consent dialog: what kind of access, and exactly which. */
export interface ConsentRow {
  label: string;
  value: string;
}

const list = (items: string[], what: string) => (items.includes('*') ? `any ${what}` : items.length ? items.join(', ') : 'none');

/**
 * Every kind of access a spell can have, each spelled out (with `none` where it asks for none), so
 * the dialog shows all of it and nothing is implied. A spell without a permissions section gets
 * whatever the user's settings allow, and says so.
 */
export function consentRows(r: ConsentRequest): ConsentRow[] {
  const policy = 'whatever your settings allow';
  const limits = [
    r.limits.timeout !== undefined ? `wall time ${r.limits.timeout} s` : '',
    r.limits.memory !== undefined ? `memory ${r.limits.memory} MB` : '',
    r.limits.cpu !== undefined ? `CPU time ${r.limits.cpu} s` : '',
    r.limits.instructions !== undefined ? `${r.limits.instructions} instructions` : '',
  ].filter(Boolean);
  const storage = [r.storage.own ? 'its own files' : '', ...r.storage.shared.map((a) => `shared area ${a} (other spells granted ${a} see it too)`)].filter(Boolean);
  return [
    { label: 'LLM providers', value: r.declared ? (r.llm.providers.length ? `${list(r.llm.providers, 'provider')}; models: ${list(r.llm.models, 'model')}` : 'none') : policy },
    { label: 'Storage', value: r.declared ? storage.join('; ') || 'none' : policy },
    { label: 'Network hosts', value: r.declared ? list(r.network, 'host') : policy },
    { label: 'Tools', value: r.declared ? list(r.tools, 'tool') : policy },
    { label: 'MCP servers', value: r.declared ? list(r.mcp, 'MCP server') : policy },
    { label: 'Secrets', value: r.declared ? list(r.secrets, 'secret') : policy },
    { label: 'Limits', value: limits.join(', ') || 'your settings' },
    { label: 'Nested spell runs', value: r.spells.length ? r.spells.map((s) => `${s.name} ${s.range}`).join(', ') : 'none' },
    { label: 'Signature', value: signatureText(r) },
  ];
}

/** Who vouches for the spell, in a sentence. */
export function signatureText(r: ConsentRequest): string {
  const key = r.signature.publisher?.slice(0, 16);
  if (r.signature.status === 'signed') return `Signed by key ${key}${r.signature.keyFile ? ` (${r.signature.keyFile})` : ''}`;
  if (r.signature.status === 'modified') return 'Modified since it was installed: its files no longer match its bundle';
  return 'Unsigned: no trusted key vouches for who made it';
}
