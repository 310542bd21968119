/**
 * The workflow branch of `llmspell validate`: every problem of a workflow file (and of the files it
 * runs) on stderr, one per line with file, line, node and field; `--json` prints one object.
 */
import path from 'node:path';
import { nodeTypes } from '../../workflows/registry';
import { validateWorkflow } from '../../workflows/validate-workflow';
import type { CliContext } from '../command';
import { EXIT } from '../usage-error';

/** Validates `target`; returns the exit code (0 valid, 1 problems). */
export function validateWorkflowCommand(target: string, json: boolean, ctx: CliContext): number {
  const result = validateWorkflow(path.resolve(ctx.cwd, target), nodeTypes, target);
  const ok = result.problems.length === 0;
  if (json) ctx.stdout.write(`${JSON.stringify({ ok, name: result.name ?? null, problems: result.problems, warnings: [] })}\n`);
  else {
    for (const problem of result.problems) ctx.stderr.write(`${problem}\n`);
    if (ok) ctx.stdout.write(`ok: ${result.name ?? target} (workflow)\n`);
    else ctx.stderr.write(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${target}\n`);
  }
  return ok ? EXIT.ok : EXIT.failed;
}
