/**
 * Runs a tool by name: looks it up, validates the parameters against its JSON Schema (errors name
 * the field), then runs it. Every error message starts with the tool's name.
 */
import type { SchemaValidator } from './schema-validator';
import type { ToolRegistry } from './tool-registry';
import type { ToolContext } from './tool-types';

/** Runs tool `name` with `params`; throws `<tool>: <problem>` (or `unknown tool ...`). */
export async function executeTool(registry: ToolRegistry, validator: SchemaValidator, name: string, params: unknown, ctx: ToolContext): Promise<unknown> {
  const tool = registry.get(name);
  if (!tool) throw new Error(`unknown tool '${name}' (built-in tools: ${registry.names().join(', ')})`);
  // nothing, or an empty Lua table arriving as an empty list, means "no parameters"
  const given = params === undefined || params === null || (Array.isArray(params) && params.length === 0) ? {} : params;
  const check = validator.check(tool.parameters, given);
  if (!check.valid) throw new Error(`${name}: invalid parameters: ${check.errors.join('; ')}`);
  try {
    return await tool.run(given as Record<string, unknown>, ctx);
  } catch (err) {
    throw new Error(`${name}: ${(err as Error).message}`);
  }
}
