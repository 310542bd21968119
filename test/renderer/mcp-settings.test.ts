import { describe, expect, it } from 'vitest';
import type { McpServerView } from '../../runtime/contract/mcp-settings';
import { toolNameStart } from '../../renderer/features/editor/tool-name-completions';
import { createMcpStore, mcpToolNames, parseSecretLines } from '../../renderer/state/mcp-store';
import { FakeClient } from './fake-client';

const server = (tools?: string[]): McpServerView => ({
  name: 'files',
  origin: 'studio',
  kind: 'stdio',
  target: 'npx server',
  secretNames: ['TOKEN'],
  state: tools ? 'ready' : 'idle',
  ...(tools ? { tools: tools.map((name) => ({ name, description: `does ${name}` })) } : {}),
});

describe('MCP settings store', () => {
  it('saves, tests and removes servers; a refusal is shown', async () => {
    const client = new FakeClient()
      .handle('mcp.list', () => [server()])
      .handle('mcp.save', () => [server()])
      .handle('mcp.test', () => server(['files.read']))
      .handle('mcp.remove', () => {
        throw new Error("the MCP server 'files' is defined in the configuration files");
      });
    const mcp = createMcpStore(client);
    await mcp.getState().load();
    expect(mcpToolNames(mcp.getState().servers)).toEqual([]);
    expect(await mcp.getState().save({ name: 'files', command: 'npx', args: ['server'], env: { TOKEN: 'tok-4711-value' } })).toBe(true);
    expect(mcp.getState().notice).toBe('Saved files.');
    await mcp.getState().test('files');
    expect(mcp.getState().notice).toBe('files: 1 tools.');
    expect(mcpToolNames(mcp.getState().servers)).toEqual([{ name: 'files.read', description: 'does files.read' }]);
    expect(await mcp.getState().remove('files')).toBe(false);
    expect(mcp.getState().error).toMatch(/configuration files/);
    expect(JSON.stringify(mcp.getState().servers)).not.toContain('tok-4711-value');
  });

  it('reads KEY=value lines, refusing a line without =', () => {
    expect(parseSecretLines('A=1\n\nB = x=y\n')).toEqual({ A: '1', B: ' x=y' });
    expect(parseSecretLines('nonsense')).toBeUndefined();
  });
});

describe('tool name completions', () => {
  it('start inside a tool name string of tools.execute and agent tool lists', () => {
    expect(toolNameStart('local r = tools.execute("fi')).toBe('local r = tools.execute("'.length);
    expect(toolNameStart("await tools.execute('files.re")).toBe("await tools.execute('".length);
    expect(toolNameStart('agents.create({ tools = { "calculator", "fi')).toBe('agents.create({ tools = { "calculator", "'.length);
    expect(toolNameStart('print("fi')).toBeUndefined();
    expect(toolNameStart('tools.execute(name')).toBeUndefined();
  });
});
