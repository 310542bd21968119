import path from 'node:path';
import { createSpell, CreateSpellError } from '../../spells/scaffold/create-spell';
import { createWorkflow } from '../../spells/scaffold/create-workflow';
import { TEMPLATE_NAMES, type TemplateName } from '../../spells/scaffold/templates';
import { parseCommandArgs } from '../args';
import type { CliContext, Command } from '../command';
import { UsageError } from '../usage-error';

const usage = `usage: llmspell create <name> [--engine lua|js|tengo] [--template ${[...TEMPLATE_NAMES, 'workflow'].join('|')}] [--dir DIR]`;

export const createCommand: Command = {
  name: 'create',
  summary: 'scaffold a new spell folder (manifest, source, README, a test), or a workflow file with --template workflow',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { engine: { type: 'string' }, template: { type: 'string' }, dir: { type: 'string' } }, usage);
    const [name] = positionals;
    if (!name || positionals.length > 1) throw new UsageError(name ? 'create takes one name' : 'which name? e.g. llmspell create my-spell', usage);
    const engine = values.engine ?? 'lua';
    if (!['lua', 'js', 'javascript', 'tengo'].includes(engine)) throw new UsageError(`unknown engine '${engine}': use lua, js or tengo`, usage);
    const template = values.template ?? 'basic';
    if (template === 'workflow') return createWorkflowFile(name, path.resolve(ctx.cwd, values.dir ?? '.'), ctx);
    if (!(TEMPLATE_NAMES as readonly string[]).includes(template)) throw new UsageError(`unknown template '${template}': use ${TEMPLATE_NAMES.join(', ')}`, usage);
    const parent = path.resolve(ctx.cwd, values.dir ?? '.');
    try {
      const created = createSpell(name, { parent, engine: engine === 'lua' ? 'lua' : engine === 'tengo' ? 'tengo' : 'javascript', template: template as TemplateName });
      const shown = path.relative(ctx.cwd, created.dir) || '.';
      ctx.stdout.write(`created ${shown}/: ${created.files.join(', ')}\nnext: llmspell run ${shown.includes(path.sep) ? shown : `./${shown}`}\n`);
      return 0;
    } catch (error) {
      if (error instanceof CreateSpellError) throw new UsageError(error.message, usage);
      throw error;
    }
  },
};

/** `--template workflow`: one `<name>.workflow.yaml` (input → llm → output) instead of a spell folder. */
function createWorkflowFile(name: string, parent: string, ctx: CliContext): number {
  try {
    const { file } = createWorkflow(name, parent);
    const shown = path.relative(ctx.cwd, file) || file;
    ctx.stdout.write(`created ${shown}\nnext: llmspell run ${shown}   (or open it on the studio's canvas)\n`);
    return 0;
  } catch (error) {
    if (error instanceof CreateSpellError) throw new UsageError(error.message, usage);
    throw error;
  }
}
