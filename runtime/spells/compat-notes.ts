import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { SpellManifest } from '../contract/spell-manifest';
import { requiredAreas, unknownRequirements, type RequiresInput } from '../contract/spell-permissions';

/**
 * What became of a go-llmspell manifest's own keys, one sentence each, for `llmspell validate
 * --verbose`: mapped to one of our fields, or accepted and ignored, and why. A manifest with none of
 * them gets no notes. `text` is the manifest as written; `manifest` its validated form.
 */
export function compatNotes(text: string, manifest: SpellManifest): string[] {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 100 });
  } catch {
    return [];
  }
  if (typeof raw !== 'object' || raw === null) return [];
  const m = raw as Record<string, unknown>;
  const notes: string[] = [];
  const policy = manifest.permissionsDeclared
    ? 'widens the declared permissions section'
    : 'noted only: with no permissions section the spell runs under your configured policy';
  if (m.entry_point !== undefined) notes.push(`entry_point: read as entry (${manifest.entry})`);
  if (m.timeout !== undefined) notes.push(`timeout: mapped to limits.timeout (${manifest.limits.timeout} s)`);
  if (m.memory_limit !== undefined) notes.push(`memory_limit: mapped to limits.memory (${manifest.limits.memory} MB)`);
  if (Array.isArray(m.env)) {
    notes.push(`env: ${m.env.join(', ')} recorded as secrets the spell needs; environment variables never reach a spell, keys stay in the host`);
  }
  if (Array.isArray(m.capabilities)) notes.push(`capabilities: ${m.capabilities.join(', ')}: ${policy}`);
  if (m.requirements !== undefined) notes.push(`requirements: ${policy}`);
  if (m.requires !== undefined) {
    const requires = m.requires as RequiresInput;
    const known = requiredAreas(requires);
    const unknown = unknownRequirements(requires);
    if (known.length) notes.push(`requires: ${known.join(', ')}: ${policy}`);
    if (unknown.length) notes.push(`requires: ${unknown.join(', ')}: ignored (not a capability this host knows)`);
  }
  if (m.security_profile !== undefined) notes.push('security_profile: ignored; the host\'s configuration sets the policy');
  if (m.parameters !== null && typeof m.parameters === 'object' && !Array.isArray(m.parameters)) {
    notes.push('parameters: written as a mapping, read as a list in key order');
  }
  if (!manifest.permissionsDeclared) notes.push('no permissions section: the spell runs under your configured policy, like a bare .lua file');
  return notes;
}

/** Reads `spell.yaml` and returns its {@link compatNotes}; an unreadable file has none. */
export function compatNotesOf(manifestPath: string, manifest: SpellManifest): string[] {
  try {
    return compatNotes(readFileSync(manifestPath, 'utf8'), manifest);
  } catch {
    return [];
  }
}
