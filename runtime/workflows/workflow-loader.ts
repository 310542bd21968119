/**
 * Loads a workflow file: parse (YAML or JSON), check the top-level fields, compile the graph, and
 * report every problem located by file, line, node id and field.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SpellParameter } from '../contract/spell-parameter';
import { normaliseParameters } from '../contract/spell-parameter-schema';
import { WorkflowFile } from '../contract/workflow';
import { parseWorkflowText } from './file/parse-text';
import { compileGraph, type RawGraph } from './graph/compile';
import type { CompiledGraph } from './graph/compiled-graph';
import { fieldPath, zodProblems, type GraphProblem } from './graph/problems';
import type { NodeRegistry } from './node-registry';

/** A checked workflow file, ready to run. */
export interface LoadedWorkflow {
  /** Absolute path. */
  file: string;
  /** The path as messages show it. */
  display: string;
  definition: WorkflowFile;
  inputs: SpellParameter[];
  graph: CompiledGraph;
}

/** A problem with its file (as shown) and line. */
export interface LocatedProblem extends GraphProblem {
  file: string;
  line?: number;
}

/** `flow.workflow.yaml:12: node 'draft': nodes[3].config.prompt: message`. */
export function formatProblem(p: LocatedProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  const field = p.path.length > 0 ? `${fieldPath(p.path)}: ` : '';
  return `${where}: ${p.nodeId !== undefined ? `node '${p.nodeId}': ` : ''}${field}${p.message}`;
}

/** Thrown when a workflow file cannot run; the message lists every problem, one per line. */
export class WorkflowFileError extends Error {
  override name = 'WorkflowFileError';
  constructor(readonly problems: LocatedProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

// Graph parts are checked node by node, so one bad node does not hide the problems of the others.
const TopLevel = WorkflowFile.omit({ nodes: true, edges: true, outputs: true }).extend({
  nodes: z.array(z.unknown(), { error: 'a list of nodes' }).min(1, { error: 'at least one node' }),
  edges: z.unknown().optional(),
  outputs: z.unknown().optional(),
});

/** Checks workflow text; `file` is its absolute path (relative paths inside resolve from its folder). */
export function checkWorkflowText(
  text: string,
  file: string,
  registry: NodeRegistry,
  display = file,
): { ok: true; workflow: LoadedWorkflow } | { ok: false; problems: LocatedProblem[] } {
  const parsed = parseWorkflowText(text);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => ({ ...p, file: display })) };
  const { data, lineOf } = parsed;
  const problems: GraphProblem[] = [];
  const top = TopLevel.safeParse(data);
  if (!top.success) problems.push(...zodProblems(top.error.issues, data, []));
  const inputs = top.success ? normaliseParameters(top.data.inputs) : [];
  const graph =
    top.success || (typeof data === 'object' && data !== null && Array.isArray((data as RawGraph).nodes))
      ? compileGraph(data as RawGraph, [], {
          file,
          registry,
          settings: top.success ? top.data.settings : undefined,
          scopeNames: top.success && top.data.inputs ? new Set(inputs.map((p) => p.name)) : undefined,
          lineOf,
        }, problems)
      : undefined;
  if (!top.success || !graph || problems.length > 0) {
    const located = problems.map((p): LocatedProblem => {
      const line = p.file ? undefined : lineOf(p.path);
      return { ...p, file: p.file ?? display, ...(line !== undefined ? { line } : {}) };
    });
    return { ok: false, problems: located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  }
  const definition = WorkflowFile.parse(data);
  return { ok: true, workflow: { file, display, definition, inputs, graph } };
}

/** Reads and checks a workflow file; throws {@link WorkflowFileError} listing every problem. */
export function loadWorkflowFile(file: string, registry: NodeRegistry, display = path.relative(process.cwd(), file) || file): LoadedWorkflow {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WorkflowFileError([{ file: display, path: [], message: code === 'ENOENT' ? 'no such workflow file' : `cannot read: ${code ?? (error as Error).message}` }]);
  }
  const result = checkWorkflowText(text, file, registry, display);
  if (!result.ok) throw new WorkflowFileError(result.problems);
  return result.workflow;
}
