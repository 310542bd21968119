/**
 * `llmspell validate flow.workflow.yaml`: every problem of a workflow file and of the workflow files
 * it runs (nested workflow nodes, bodies given as files), including cycles between files. Nothing is
 * run.
 */
import path from 'node:path';
import type { CompiledGraph } from './graph/compiled-graph';
import type { NodeRegistry } from './node-registry';
import { formatProblem, loadWorkflowFile, WorkflowFileError, type LoadedWorkflow, type LocatedProblem } from './workflow-loader';

/** The verdict: the workflow's name when it loads, and every problem as a printable line. */
export interface WorkflowValidation {
  name?: string;
  problems: string[];
}

/** Files a graph runs, with the node that runs each (bodies included). */
function referencedFiles(graph: CompiledGraph, top = graph): { node: CompiledGraph['nodes'][number]; line?: number; file: string }[] {
  return graph.nodes.flatMap((node) => {
    const line = top.lineOf?.(node.path);
    const at = { node, ...(line !== undefined ? { line } : {}) };
    return [
      ...(node.def.files?.(node.config) ?? []).map((f) => ({ ...at, file: path.resolve(path.dirname(graph.file), f) })),
      ...[...node.bodies.values()].flatMap((body) => (typeof body === 'string' ? [{ ...at, file: body }] : referencedFiles(body, top))),
    ];
  });
}

/** Checks `file` (absolute) and what it runs; `display` is how messages name it. */
export function validateWorkflow(file: string, registry: NodeRegistry, display = path.relative(process.cwd(), file) || file): WorkflowValidation {
  const problems: LocatedProblem[] = [];
  const checked = new Set<string>();
  const shown = (f: string) => path.relative(process.cwd(), f) || f;
  const visit = (current: string, label: string, stack: string[]): LoadedWorkflow | undefined => {
    checked.add(current);
    let loaded: LoadedWorkflow;
    try {
      loaded = loadWorkflowFile(current, registry, label);
    } catch (error) {
      if (!(error instanceof WorkflowFileError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
    for (const { node, line, file: next } of referencedFiles(loaded.graph)) {
      const where = { file: label, path: [], nodeId: node.id, ...(line !== undefined ? { line } : {}) };
      if (stack.includes(next)) {
        const chain = [...stack.slice(stack.indexOf(next)), next].map((f) => path.basename(f)).join(' → ');
        problems.push({ ...where, message: `nested workflow cycle: ${chain}` });
      } else if (!checked.has(next)) {
        const before = problems.length;
        visit(next, shown(next), [...stack, next]);
        if (problems.length > before && problems.slice(before).every((p) => p.file !== label)) {
          problems.push({ ...where, message: `runs ${shown(next)}, which has problems (listed above)` });
        }
      }
    }
    return loaded;
  };
  const root = visit(file, display, [file]);
  return { ...(root ? { name: root.definition.name } : {}), problems: problems.map(formatProblem) };
}
