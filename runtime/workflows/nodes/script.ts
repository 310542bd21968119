/**
 * `script`: inline Lua (or JavaScript, or Tengo) run in the engine sandbox, in its own engine process. The code
 * sees the node's inputs (and the workflow's) as `inputs`; what it returns is the output.
 */
import path from 'node:path';
import { scriptDescription, type ScriptConfig as Config } from '../../contract/workflow-nodes/data';
import { defineNode } from '../node-types';
import { runInEngine } from '../util/engine-run';


/**
 * The code wrapped as a function of `inputs`. The wrapper shares the first line with the code, so
 * line numbers in errors are the script's own.
 */
function wrap(language: 'lua' | 'javascript' | 'tengo', code: string): string {
  if (language === 'lua') return `workflow.output((function(inputs) ${code}\nend)(params))`;
  // Tengo: a function literal called at once; `inputs` is the immutable params map.
  if (language === 'tengo') return `import("workflow").output(func(inputs) { ${code}\n}(import("params")))`;
  return `export default async function (inputs) { ${code}\n}`;
}

/** The `script` node type. */
export const scriptNode = defineNode<Config>({
  ...scriptDescription,
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
