import type { SpellParameter } from '../../contract/spell-parameter';
import { describePermissions } from '../../contract/spell-permissions';
import { ManifestError } from '../../spells/manifest-problems';
import { locateSpell } from '../../spells/prepare-run';
import { resolveSpell, SpellNotFound, type ResolvedSpell } from '../../spells/resolve-spell';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { openLibrary } from '../open-library';
import { checkDependencies, describeDependencies } from '../../spells/dependencies';
import { UsageError } from '../usage-error';

const usage = 'usage: llmspell info <spell> [--json]   (a name in the library, a spell folder or a .lua file)';

export const infoCommand: Command = {
  name: 'info',
  summary: "show a spell's manifest: description, parameters, permissions, limits",
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, usage);
    const [target] = positionals;
    if (!target || positionals.length > 1) throw new UsageError(target ? 'info takes one spell' : 'which spell?', usage);
    let spell: ResolvedSpell;
    try {
      spell = resolveSpell(locateSpell(target, ctx.cwd, () => openLibrary(ctx)), ctx.cwd);
    } catch (error) {
      if (error instanceof SpellNotFound) throw new UsageError(error.message, usage);
      if (error instanceof ManifestError) {
        ctx.stderr.write(`invalid manifest:\n${error.message}\n`);
        return 1;
      }
      throw error;
    }
    const path = spell.dir ?? spell.entryPath;
    if (values.json) {
      ctx.stdout.write(`${JSON.stringify({ path, manifest: spell.manifest ?? null, name: spell.name, engine: spell.engine }, null, 2)}\n`);
      return 0;
    }
    const lines = formatInfo(spell, path);
    const dependencies = spell.manifest?.dependencies ?? [];
    if (dependencies.length) lines.push('dependencies:', ...describeDependencies(checkDependencies(dependencies, openLibrary(ctx))).map((l) => `  ${l}`));
    ctx.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};

function formatInfo(spell: ResolvedSpell, path: string): string[] {
  const m = spell.manifest;
  const lines = [`${spell.name} ${m?.version ?? '(no manifest)'}`];
  if (m?.description) lines.push(m.description);
  lines.push('', `path:    ${path}`, `engine:  ${spell.engine} (${m?.entry ?? spell.source.fileName})`);
  if (m?.author) lines.push(`author:  ${m.author}`);
  if (m?.license) lines.push(`license: ${m.license}`);
  if (m?.tags.length) lines.push(`tags:    ${m.tags.join(', ')}`);
  if (!m) return [...lines, '', 'parameters: any key=value, passed as strings (no manifest declares them)'];
  lines.push('', m.parameters.length ? 'parameters:' : 'parameters: none');
  const width = Math.max(0, ...m.parameters.map((p) => p.name.length));
  for (const p of m.parameters) lines.push(`  ${p.name.padEnd(width)}  ${describeParameter(p)}`);
  if (!m.permissionsDeclared) {
    lines.push('', 'permissions: none declared: runs under your configured policy, like a bare .lua file (add a permissions section to narrow it)');
  } else {
    const permissions = describePermissions(m.permissions);
    lines.push('', permissions.length ? 'permissions:' : 'permissions: none (the manifest grants nothing)', ...permissions.map((p) => `  ${p}`));
  }
  const limits = [m.limits.timeout && `timeout ${m.limits.timeout} s`, m.limits.memory && `memory ${m.limits.memory} MB`, m.limits.cpu && `cpu ${m.limits.cpu} s`, m.limits.cost && `cost $${m.limits.cost}`].filter(Boolean);
  if (limits.length) lines.push(`limits: ${limits.join(', ')}`);
  return lines;
}

function describeParameter(p: SpellParameter): string {
  const parts = [p.type + (p.required ? ', required' : '')];
  if (p.default !== undefined) parts.push(`default ${JSON.stringify(p.default)}`);
  if (p.enum) parts.push(`one of ${p.enum.map((v) => JSON.stringify(v)).join('|')}`);
  if (p.pattern !== undefined) parts.push(`matching /${p.pattern}/`);
  if (p.min !== undefined) parts.push(`min ${p.min}`);
  if (p.max !== undefined) parts.push(`max ${p.max}`);
  return `${parts.join(', ')}${p.description ? `  ${p.description}` : ''}`;
}
