import { locateSpell } from '../../spells/prepare-run';
import { SpellNotFound } from '../../spells/resolve-spell';
import { validateSpell } from '../../spells/validate-spell';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { openLibrary } from '../open-library';
import { UsageError } from '../usage-error';
import { isWorkflowPath } from '../../contract/workflow';
import { validateWorkflowCommand } from './validate-workflow';

const usage = 'usage: llmspell validate <spell> [--json] [--verbose]   (a name in the library, a spell folder or a .lua file)';

export const validateCommand: Command = {
  name: 'validate',
  summary: "check a spell's manifest and syntax without running it",
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, usage);
    const [target] = positionals;
    if (!target || positionals.length > 1) throw new UsageError(target ? 'validate takes one spell' : 'which spell?', usage);
    if (isWorkflowPath(target)) return validateWorkflowCommand(target, values.json ?? false, ctx);
    let located: string;
    try {
      located = locateSpell(target, ctx.cwd, () => openLibrary(ctx));
    } catch (error) {
      if (error instanceof SpellNotFound) throw new UsageError(error.message, usage);
      throw error;
    }
    const result = await validateSpell(located, ctx.cwd);
    const ok = result.problems.length === 0;
    if (values.json) {
      ctx.stdout.write(`${JSON.stringify({ ok, name: result.spell?.name ?? null, problems: result.problems, warnings: result.warnings, notes: result.notes })}\n`);
    } else {
      for (const problem of result.problems) ctx.stderr.write(`${problem}\n`);
      for (const warning of result.warnings) ctx.stderr.write(`warning: ${warning}\n`);
      // go-llmspell manifest keys: what each was mapped to, or why it is ignored.
      if (values.verbose) for (const note of result.notes) ctx.stdout.write(`note: ${note}\n`);
      if (ok && result.spell) ctx.stdout.write(`ok: ${result.spell.name} ${result.spell.manifest?.version ?? ''}`.trimEnd() + ` (${result.spell.engine})\n`);
    }
    return ok ? 0 : 1;
  },
};
