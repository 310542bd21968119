/** `mcp.servers` in the configuration: stdio or HTTP entries, checked per file and after merging; secrets masked. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, formatConfig, loadConfig } from '../../../runtime/config';
import { makeTempProject, type TempProject } from './temp-project';

let t: TempProject;
beforeEach(() => (t = makeTempProject()));
afterEach(() => t.cleanup());

const load = () => loadConfig({ cwd: t.cwd, env: {}, home: t.home });
function problems(): unknown[] {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('mcp.servers', () => {
  it('merges stdio and HTTP servers from the user and project files', () => {
    t.write('home/config.yaml', 'mcp:\n  servers:\n    files:\n      command: npx\n      args: [-y, server-filesystem, /tmp]\n      env: { TOKEN: "${FILES_TOKEN}" }\n');
    t.write('project/llmspell.yaml', 'mcp:\n  servers:\n    remote:\n      url: https://mcp.example.com/mcp\n      headers: { Authorization: Bearer abcdefghijklmnop }\n      timeout: 20\n');
    const loaded = load();
    expect(loaded.config.mcp.servers).toEqual({
      files: { command: 'npx', args: ['-y', 'server-filesystem', '/tmp'], env: { TOKEN: '${FILES_TOKEN}' } },
      remote: { url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer abcdefghijklmnop' }, timeout: 20 },
    });
    const shown = formatConfig(loaded);
    expect(shown).toMatch(/^mcp\.servers\.remote\.headers\.Authorization = Bea…mnop +\(\.\/llmspell\.yaml\)$/m);
    expect(shown).not.toContain('abcdefghijklmnop');
  });

  it('needs exactly one of command and url, a usable name and the right types', () => {
    t.write('project/llmspell.yaml', 'mcp:\n  servers:\n    both:\n      command: x\n      url: http://localhost:1/mcp\n    neither:\n      cwd: /tmp\n    "a.b":\n      command: x\n    typed:\n      command: x\n      args: x\n');
    expect(problems()).toEqual([
      { source: './llmspell.yaml', path: 'mcp.servers.a.b', line: 8, message: 'bad name: expected an MCP server name of letters, digits, "-" or "_" (no "__"), got "a.b"' },
      { source: './llmspell.yaml', path: 'mcp.servers.typed.args', line: 12, message: 'expected a list of strings, got "x"' },
      { source: './llmspell.yaml', path: 'mcp.servers.both', line: 3, message: 'MCP server "both" sets both command and url: keep one' },
      { source: './llmspell.yaml', path: 'mcp.servers.neither', line: 6, message: 'MCP server "neither" needs command (stdio) or url (streamable HTTP)' },
    ]);
  });
});
