/**
 * `spell.run(name, params)`: a spell runs another spell of the library as a nested run. The nested
 * run takes its time, memory and process share from the caller's budget and never gets more than the
 * caller's permissions; its parameters are checked against its manifest like on the command line.
 */
import path from 'node:path';
import { z } from 'zod';
import type { RunOutcome } from '../contract/run-events';
import { argument } from '../bridges/bridge-args';
import { BridgeError, type BridgeHandlers } from '../bridges/types';
import type { SpellLibrary } from '../spells/library/spell-library';
import { ParamsError, resolveParams } from '../spells/parameters';
import { resolveSpell, type ResolvedSpell } from '../spells/resolve-spell';
import { ManifestError } from '../spells/manifest-problems';

/** Runs a resolved spell nested in the current run; what it printed to stdout comes back as `output`. */
export type NestedRunner = (spell: ResolvedSpell, params: Record<string, unknown>) => Promise<{ outcome: RunOutcome; output: string }>;

const Name = z.string({ error: 'a spell name' }).min(1, { error: 'a spell name' });
/** An empty Lua table arrives as an empty list; it means no parameters. */
const Params = z
  .preprocess((v) => (Array.isArray(v) && v.length === 0 ? {} : v), z.record(z.string(), z.unknown(), { error: 'a table of parameters' }))
  .optional();

/** The `spell.run` handler over a library and a nested runner. */
export function spellRunHandlers(library: () => SpellLibrary, runNested: NestedRunner): BridgeHandlers {
  return {
    /** → `{ output, result }`: the spell's stdout and what it returned (null when nothing). */
    'spell.run': async (args) => {
      const name = argument('spell.run', args, 0, 'name', Name);
      const given = argument('spell.run', args, 1, 'params', Params) ?? {};
      const entry = library().find(name);
      if (!entry) throw new BridgeError(`spell.run: no spell named '${name}' in the library`, 'unknown_spell');
      let spell: ResolvedSpell;
      let params: Record<string, unknown>;
      try {
        spell = resolveSpell(entry.path, path.dirname(entry.path));
        params = resolveParams(spell.manifest?.parameters, { file: given });
      } catch (error) {
        if (error instanceof ParamsError || error instanceof ManifestError) throw new BridgeError(`spell.run: ${name}: ${error.message}`, 'bad_argument');
        throw error;
      }
      const { outcome, output } = await runNested(spell, params);
      if (!outcome.ok) throw new BridgeError(`spell.run: ${name} failed: ${outcome.error?.message ?? 'the spell failed'}`, outcome.error?.code ?? 'spell_error');
      return { output, result: outcome.result ?? null };
    },
  };
}
