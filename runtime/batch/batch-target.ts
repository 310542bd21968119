/**
 * What a batch runs: a spell (a file, a folder, or a name in the library) or a workflow file, with
 * the parameters it declares and the version key its job ids are built from. Loading never runs it.
 */
import path from 'node:path';
import { isWorkflowPath } from '../contract/workflow';
import type { SpellParameter } from '../contract/spell-parameter';
import type { SpellLibrary } from '../spells/library/spell-library';
import { locateSpell } from '../spells/prepare-run';
import { resolveSpell, SpellNotFound, type ResolvedSpell } from '../spells/resolve-spell';
import { nodeTypes } from '../workflows/registry';
import { loadWorkflowFile, type LoadedWorkflow } from '../workflows/workflow-loader';
import { versionKey } from './job-id';

const RUNNABLE_ENGINES = new Set(['lua', 'javascript', 'tengo']);

export type BatchTarget =
  | { kind: 'spell'; name: string; version: string; declared?: SpellParameter[]; spell: ResolvedSpell }
  | { kind: 'workflow'; name: string; version: string; declared?: SpellParameter[]; workflow: LoadedWorkflow };

/** Loads the spell or workflow `target` names. Throws SpellNotFound, ManifestError or WorkflowFileError. */
export function loadBatchTarget(target: string, options: { cwd: string; library?: () => SpellLibrary }): BatchTarget {
  if (isWorkflowPath(target)) {
    const workflow = loadWorkflowFile(path.resolve(options.cwd, target), nodeTypes, target);
    const name = workflow.definition.name;
    return {
      kind: 'workflow',
      name,
      version: versionKey({ name, file: workflow.file }),
      ...(workflow.definition.inputs ? { declared: workflow.inputs } : {}),
      workflow,
    };
  }
  return spellTarget(resolveSpell(locateSpell(target, options.cwd, options.library), options.cwd));
}

/** The batch target of a spell already resolved (a worker resolves from its library or a bundle). */
export function spellTarget(spell: ResolvedSpell): BatchTarget {
  if (!RUNNABLE_ENGINES.has(spell.engine)) throw new SpellNotFound(`${spell.name} is a ${spell.engine} spell, which cannot run yet`);
  return {
    kind: 'spell',
    name: spell.name,
    version: versionKey({ name: spell.name, ...(spell.manifest ? { version: spell.manifest.version } : {}), ...(spell.dir ? { dir: spell.dir } : { file: spell.entryPath }) }),
    ...(spell.manifest ? { declared: spell.manifest.parameters } : {}),
    spell,
  };
}
