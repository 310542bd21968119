/**
 * The workflow engine's public entry: load and check files, write them back, run them, and the
 * node types. Hosts (the CLI, the studio server, Electron) import from here.
 */
export { NodeCache } from './cache/node-cache';
export { DEFAULT_CONCURRENCY, runWorkflow, UnknownNodeError, type RunWorkflowOptions } from './executor/run-workflow';
export { orderWorkflow, writeWorkflow } from './file/write-workflow';
export type { HumanInput, WorkflowHost, WorkflowLlm } from './host';
export { HumanRequests } from './human-requests';
export { NodeRegistry } from './node-registry';
export type { NodeContext, NodeDefinition, PortSpec } from './node-types';
export { nodeTypes } from './registry';
export { validateWorkflow, type WorkflowValidation } from './validate-workflow';
export { checkWorkflowText, formatProblem, loadWorkflowFile, WorkflowFileError, type LoadedWorkflow, type LocatedProblem } from './workflow-loader';
