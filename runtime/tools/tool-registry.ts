/**
 * A set of tools by name. Built once from a list (one line per tool in builtin/index.ts); a second
 * tool with a taken name throws at once, so a clash shows up in the first test run.
 */
import type { BuiltinTool } from './tool-types';

/** Tools by name, in registration order. */
export class ToolRegistry {
  private readonly tools = new Map<string, BuiltinTool>();

  constructor(tools: readonly BuiltinTool[] = []) {
    for (const tool of tools) this.register(tool);
  }

  /** Adds a tool; throws when its name is taken. */
  register(tool: BuiltinTool): void {
    if (this.tools.has(tool.name)) throw new Error(`tool '${tool.name}' is registered twice`);
    this.tools.set(tool.name, tool);
  }

  /** The tool called `name`, if any. */
  get(name: string): BuiltinTool | undefined {
    return this.tools.get(name);
  }

  /** Every tool, in registration order. */
  list(): BuiltinTool[] {
    return [...this.tools.values()];
  }

  /** Every tool name, in registration order. */
  names(): string[] {
    return [...this.tools.keys()];
  }
}
