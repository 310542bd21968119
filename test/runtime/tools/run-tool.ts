/** Runs a built-in tool the way the bridge does (validation first), without services. */
import { builtinTools } from '../../../runtime/tools/builtin';
import { executeTool } from '../../../runtime/tools/execute-tool';
import { SchemaValidator } from '../../../runtime/tools/schema-validator';

const validator = new SchemaValidator();

/** The tool's result; rejects with the same message a spell would see. */
export function runTool(name: string, params: unknown): Promise<unknown> {
  return executeTool(builtinTools, validator, name, params, { signal: new AbortController().signal, services: {} });
}
