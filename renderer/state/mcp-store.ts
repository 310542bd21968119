import { create } from 'zustand';
import type { McpServerView } from '../../runtime/contract/mcp-settings';
import type { StudioClient, StudioInput } from '../../runtime/contract/studio-api';

export interface McpState {
  servers: McpServerView[] | null;
  busy: boolean;
  error: string | null;
  notice: string | null;
  load(): Promise<void>;
  /** Adds or replaces a server; env/header values go to the host's secret store and are never read back. */
  save(input: StudioInput<'mcp.save'>): Promise<boolean>;
  remove(name: string): Promise<boolean>;
  /** Starts the server and lists its tools; its problem, if any, shows in the server's `error`. */
  test(name: string): Promise<void>;
}

/** MCP servers of the settings: configured ones and those added in the studio, with state and tools. */
export function createMcpStore(client: StudioClient) {
  return create<McpState>()((set, get) => {
    async function change(work: () => Promise<McpServerView[]>, notice: string): Promise<boolean> {
      set({ busy: true, error: null, notice: null });
      try {
        set({ servers: await work(), busy: false, notice });
        return true;
      } catch (error) {
        set({ busy: false, error: error instanceof Error ? error.message : String(error) });
        return false;
      }
    }
    return {
      servers: null,
      busy: false,
      error: null,
      notice: null,
      async load() {
        try {
          set({ servers: await client.call('mcp.list', {}), error: null });
        } catch (error) {
          set({ error: error instanceof Error ? error.message : String(error) });
        }
      },
      save: (input) => change(() => client.call('mcp.save', input), `Saved ${input.name}.`),
      remove: (name) => change(() => client.call('mcp.remove', { name }), `Removed ${name}.`),
      async test(name) {
        set({ busy: true, error: null, notice: null });
        try {
          const tested = await client.call('mcp.test', { name });
          const servers = (get().servers ?? []).map((s) => (s.name === name ? tested : s));
          set({ servers, busy: false, notice: tested.error ? null : `${name}: ${tested.tools?.length ?? 0} tools.` });
        } catch (error) {
          set({ busy: false, error: error instanceof Error ? error.message : String(error) });
        }
      },
    };
  });
}

/** The MCP tool names (`server.tool`) known so far, for editor completions. */
export function mcpToolNames(servers: readonly McpServerView[] | null): { name: string; description: string }[] {
  return (servers ?? []).flatMap((s) => s.tools ?? []);
}

/** `KEY=value` lines → a mapping (blank lines skipped); undefined when a line has no `=`. */
export function parseSecretLines(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return undefined;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return out;
}
