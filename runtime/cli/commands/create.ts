import path from 'node:path';
import { createSpell, CreateSpellError } from '../../spells/scaffold/create-spell';
import { createWorkflow } from '../../spells/scaffold/create-workflow';
import { TEMPLATE_NAMES, type TemplateName } from '../../spells/scaffold/templates';
import { parseCommandArgs } from '../args';
import type { CliContext, Command } from '../command';
import { UsageError } from '../usage-error';
import { askCreateQuestions, type CreateAnswers } from '../create-prompts';
import { stdinInput } from '../stdin-input';

const usage = `usage: llmspell create <name> [--engine lua|js|tengo] [--template ${[...TEMPLATE_NAMES, 'workflow'].join('|')}] [--dir DIR]
       llmspell create [--interactive]   (asks for name, engine, template, description and parameters; the default in a terminal)`;

export const createCommand: Command = {
  name: 'create',
  summary: 'scaffold a new spell folder (manifest, source, README, a test), or a workflow file with --template workflow',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      { engine: { type: 'string' }, template: { type: 'string' }, dir: { type: 'string' }, interactive: { type: 'boolean', short: 'i' } },
      usage,
    );
    // In a terminal without a name or flags, ask; in scripts (no TTY) it stays flag-driven.
    const bare = positionals.length === 0 && values.engine === undefined && values.template === undefined;
    const tty = (ctx.stdin as { isTTY?: boolean } | undefined)?.isTTY === true;
    let asked: CreateAnswers | undefined;
    if (values.interactive || (bare && tty)) {
      if (!ctx.stdin) throw new UsageError('create --interactive needs a standard input', usage);
      const input = stdinInput(ctx.stdin);
      try {
        asked = await askCreateQuestions(input, ctx.stderr);
      } catch (error) {
        throw new UsageError((error as Error).message, usage);
      } finally {
        input.close();
      }
    }
    const name = asked?.name ?? positionals[0];
    if (!name || positionals.length > 1) throw new UsageError(name ? 'create takes one name' : 'which name? e.g. llmspell create my-spell', usage);
    const engine = asked?.engine ?? values.engine ?? 'lua';
    if (!['lua', 'js', 'javascript', 'tengo'].includes(engine)) throw new UsageError(`unknown engine '${engine}': use lua, js or tengo`, usage);
    const template = asked?.template ?? values.template ?? 'basic';
    if (template === 'workflow') return createWorkflowFile(name, path.resolve(ctx.cwd, values.dir ?? '.'), ctx);
    if (!(TEMPLATE_NAMES as readonly string[]).includes(template)) throw new UsageError(`unknown template '${template}': use ${TEMPLATE_NAMES.join(', ')}`, usage);
    const parent = path.resolve(ctx.cwd, values.dir ?? '.');
    try {
      const created = createSpell(name, {
        parent,
        engine: engine === 'lua' ? 'lua' : engine === 'tengo' ? 'tengo' : 'javascript',
        template: template as TemplateName,
        ...(asked?.description !== undefined ? { description: asked.description } : {}),
        ...(asked?.parameters.length ? { parameters: asked.parameters } : {}),
      });
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
