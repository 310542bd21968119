/**
 * Runs a tool by name: looks it up, validates the parameters against its JSON Schema (errors name
 * the field), then runs it. Every error message starts with the tool's name.
 */
import type { SchemaCheck } from './schema-validator';
import type { ToolRegistry } from './tool-registry';
import type { ToolContext } from './tool-types';

/** Checks parameters against a tool's schema: the host's SchemaChecks (a worker with a deadline), or a SchemaValidator in tests. */
export interface ParamsChecker {
  check(schema: unknown, value: unknown, options?: { signal?: AbortSignal }): SchemaCheck | Promise<SchemaCheck>;
}

/** Runs tool `name` with `params`; throws `<tool>: <problem>` (or `unknown tool ...`). */
export async function executeTool(registry: ToolRegistry, validator: ParamsChecker, name: string, params: unknown, ctx: ToolContext): Promise<unknown> {
  const tool = registry.get(name);
  if (!tool) throw new Error(`unknown tool '${name}' (built-in tools: ${registry.names().join(', ')})`);
  // nothing, or an empty Lua table arriving as an empty list, means "no parameters"
  const given = params === undefined || params === null || (Array.isArray(params) && params.length === 0) ? {} : params;
  const check = await validator.check(tool.parameters, given, { signal: ctx.signal });
  if (!check.valid) throw new Error(`${name}: invalid parameters: ${check.errors.join('; ')}`);
  try {
    return await tool.run(given as Record<string, unknown>, ctx);
  } catch (err) {
    throw new Error(`${name}: ${(err as Error).message}`);
  }
}
