/**
 * `script`: inline Lua (or JavaScript) run in the engine sandbox, in its own engine process. The code
 * sees the node's inputs (and the workflow's) as `inputs`; what it returns is the output.
 */
import path from 'node:path';
import { z } from 'zod';
import { defineNode } from '../node-types';
import { runInEngine } from '../util/engine-run';
import { text } from './fields';

const Config = z.strictObject(
  {
    language: z.enum(['lua', 'javascript'], { error: 'lua or javascript' }).optional(),
    /** The body of a function of `inputs`; `return` gives the node's output. */
    code: text('the script code').min(1, { error: 'the script code' }),
  },
  { error: 'a mapping {language, code}' },
);
type Config = z.infer<typeof Config>;

/**
 * The code wrapped as a function of `inputs`. The wrapper shares the first line with the code, so
 * line numbers in errors are the script's own.
 */
function wrap(language: 'lua' | 'javascript', code: string): string {
  return language === 'lua'
    ? `workflow.output((function(inputs) ${code}\nend)(params))`
    : `export default async function (inputs) { ${code}\n}`;
}

/** The `script` node type. */
export const scriptNode = defineNode<Config>({
  type: 'script',
  title: 'Script',
  description: 'Runs inline Lua or JavaScript in the sandbox; `inputs` holds the inputs and `return` sets the output.',
  category: 'code',
  config: Config,
  inputs: () => [],
  openInputs: true,
  outputs: () => [
    { name: 'output', type: 'any', description: 'what the script returned (else what it printed)' },
    { name: 'stdout', type: 'string', description: 'what it printed' },
  ],
  slot: () => true,
  async run(ctx) {
    const language = ctx.config.language ?? 'lua';
    const name = `${path.basename(ctx.file)}[${ctx.id}]`;
    const result = await runInEngine(ctx, {
      source: { engine: language, fileName: name, code: wrap(language, ctx.config.code) },
      spellName: name,
      params: ctx.scope.snapshot(),
    });
    const fallback = result.stdout === '' ? null : result.stdout.replace(/\n$/, '');
    return { output: result.hasValue && result.value !== null ? result.value : fallback, stdout: result.stdout };
  },
});
