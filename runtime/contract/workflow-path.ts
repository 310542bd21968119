// Apart from workflow.ts (which holds the graph's zod schemas): `llmspell run` asks this of every
// argument, and a spell run loads no schema library for it.

/** File name endings of workflow files. */
export const WORKFLOW_EXTENSIONS = ['.workflow.yaml', '.workflow.yml', '.workflow.json'] as const;

/** True when `path` names a workflow file by its ending. */
export function isWorkflowPath(path: string): boolean {
  return WORKFLOW_EXTENSIONS.some((ending) => path.endsWith(ending));
}
