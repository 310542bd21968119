/**
 * Every workflow node type, one line each. Adding a type: one file in nodes/ exporting its
 * definition, and one line here. A duplicate name throws when this module loads.
 */
import { NodeRegistry } from './node-registry';
import { agentNode } from './nodes/agent';
import { conditionNode } from './nodes/condition';
import { humanNode } from './nodes/human';
import { inputNode } from './nodes/input';
import { llmNode } from './nodes/llm';
import { loopNode } from './nodes/loop';
import { mergeNode } from './nodes/merge';
import { outputNode } from './nodes/output';
import { parallelNode } from './nodes/parallel';
import { scriptNode } from './nodes/script';
import { spellNode } from './nodes/spell';
import { toolNode } from './nodes/tool';
import { transformNode } from './nodes/transform';
import { workflowNode } from './nodes/workflow';

/** The built-in node types, in palette order. */
export const nodeTypes = new NodeRegistry([
  inputNode,
  outputNode,
  llmNode,
  agentNode,
  toolNode,
  conditionNode,
  parallelNode,
  loopNode,
  mergeNode,
  transformNode,
  scriptNode,
  spellNode,
  workflowNode,
  humanNode,
]);
