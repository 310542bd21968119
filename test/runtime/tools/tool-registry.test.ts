import { describe, expect, it } from 'vitest';
import { BUILTIN_TOOLS } from '../../../runtime/tools/builtin';
import { SchemaValidator } from '../../../runtime/tools/schema-validator';
import { ToolRegistry } from '../../../runtime/tools/tool-registry';
import { defineTool } from '../../../runtime/tools/tool-types';

describe('ToolRegistry', () => {
  it('throws on a duplicate name', () => {
    const tool = defineTool({ name: 'twice', description: 'a tool', parameters: { type: 'object' }, run: () => 1 });
    expect(() => new ToolRegistry([tool, tool])).toThrow("tool 'twice' is registered twice");
  });

  it('holds built-in tools with unique snake_case names and valid schemas', () => {
    const validator = new SchemaValidator();
    const names = BUILTIN_TOOLS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const tool of BUILTIN_TOOLS) {
      expect(tool.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(() => validator.compile(tool.parameters)).not.toThrow();
    }
  });
});
