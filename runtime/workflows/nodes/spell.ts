/**
 * `spell`: runs another spell (a `.lua`/`.js` file or a spell folder, relative to the workflow file)
 * with parameters, in its own engine process. Its output is what the spell hands back (JS: the
 * default export's value; Lua: `workflow.output(value)`), else what it printed.
 */
import path from 'node:path';
import { askedLimits } from '../../spells/manifest-limits';
import { resolveParams } from '../../spells/parameters';
import { guardBridges } from '../../security/permission-guard';
import { resolveSpell } from '../../spells/resolve-spell';
import { tengoModuleHandlers } from '../../spells/tengo-modules';
import { renderDeep } from '../expression/template';
import { spellDescription, type SpellConfig as Config } from '../../contract/workflow-nodes/data';
import { defineNode } from '../node-types';
import { runInEngine } from '../util/engine-run';


/** The `spell` node type. */
export const spellNode = defineNode<Config>({
  ...spellDescription,
  slot: () => true,
  templates: (c) => (c.params ? [{ path: ['params'], value: c.params }] : []),
  async run(ctx) {
    const spell = resolveSpell(ctx.config.spell, path.dirname(ctx.file));
    const given = ctx.inputs.params;
    const raw = { ...(renderDeep(ctx.config.params ?? {}, ctx.scope) as Record<string, unknown>), ...(given && typeof given === 'object' ? given : {}) };
    // A spell with a manifest gets typed, checked parameters, as on the command line.
    const params = resolveParams(spell.manifest?.parameters, { file: raw });
    // A spell whose manifest declares permissions gets no more than they grant, here as anywhere.
    const guarded = spell.manifest?.permissionsDeclared ? guardBridges(ctx.host.bridges, spell.manifest.permissions, spell.name) : ctx.host.bridges;
    // A Tengo spell's own source modules (import("./util")) come from its folder.
    const bridges = { ...guarded, ...tengoModuleHandlers(spell) };
    // Its manifest may ask for less time or memory than the run has left, never for more.
    const limits = askedLimits(spell.manifest);
    const result = await runInEngine(ctx, { source: spell.source, spellName: spell.name, params, bridges, limits, label: spell.source.fileName });
    const fallback = result.stdout === '' ? null : result.stdout.replace(/\n$/, '');
    return { output: result.hasValue && result.value !== null ? result.value : fallback, stdout: result.stdout };
  },
});
