/**
 * Every built-in workflow node type's description, in palette order. runtime/workflows registers
 * one runnable definition per description; the studio draws palette, ports and forms from them.
 */
import { agentDescription, llmDescription, toolDescription } from './ai';
import { conditionDescription } from './condition';
import { humanDescription, scriptDescription, spellDescription, transformDescription } from './data';
import type { AnyNodeDescription } from './describe';
import { inputDescription, outputDescription } from './io';
import { mergeDescription, workflowDescription } from './join';
import { loopDescription, parallelDescription } from './repeat';

export * from './describe';
export { connectionProblem, portsOf, type GraphEdgeView, type NodePorts } from './ports';

/** The built-in node types, in palette order. */
export const NODE_DESCRIPTIONS: readonly AnyNodeDescription[] = [
  inputDescription,
  outputDescription,
  llmDescription,
  agentDescription,
  toolDescription,
  conditionDescription,
  parallelDescription,
  loopDescription,
  mergeDescription,
  transformDescription,
  scriptDescription,
  spellDescription,
  workflowDescription,
  humanDescription,
] as readonly AnyNodeDescription[];

const BY_TYPE = new Map(NODE_DESCRIPTIONS.map((d) => [d.type, d]));

/** The description of node type `type`, if there is one. */
export function nodeDescription(type: string): AnyNodeDescription | undefined {
  return BY_TYPE.get(type);
}
