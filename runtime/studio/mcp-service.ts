/**
 * MCP servers in the studio's settings: list (configured ones and those added here), add or
 * replace, remove, and test (start it, list its tools). Env and header values go to the secret
 * store and never come back; the studio's hub is updated so its runs use what was saved.
 */
import type { McpServerConfig } from '../config';
import { MCP_SERVER_NAME } from '../config';
import type { McpServerView } from '../contract/mcp-settings';
import type { McpHub } from '../mcp/mcp-hub';
import { mcpSecretName } from '../mcp/mcp-secrets';
import { studioMcpSecret } from './run-config';
import type { SecretStore } from './secret-store';
import type { SettingsService } from './settings-service';
import type { SettingsStore } from './settings-store';
import { badInput, StudioError } from './studio-error';
import type { HandlersFor } from './studio-handlers';

export interface McpServiceDeps {
  settings: SettingsService;
  store: SettingsStore;
  secrets: SecretStore;
  hub: McpHub;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const MAX_SECRET = 8192;

export function mcpService(deps: McpServiceDeps): HandlersFor<'mcp.list' | 'mcp.save' | 'mcp.remove' | 'mcp.test'> {
  /** The servers a run would use now, with the hub following them. */
  const servers = (): Record<string, McpServerConfig> => {
    const servers = deps.settings.runConfig().config.mcp.servers;
    deps.hub.update(servers);
    return servers;
  };
  const view = (name: string, config: McpServerConfig): McpServerView => {
    const connection = deps.hub.get(name);
    const fromStudio = Object.hasOwn(deps.store.get().mcpServers, name);
    const secretNames = Object.keys(config.url ? (config.headers ?? {}) : (config.env ?? {}));
    return {
      name,
      origin: fromStudio ? 'studio' : 'config',
      kind: config.url ? 'http' : 'stdio',
      target: config.url ?? [config.command ?? '', ...(config.args ?? [])].join(' '),
      secretNames,
      state: connection?.state ?? 'idle',
      ...(connection?.lastError ? { error: connection.lastError } : {}),
      ...(connection?.knownTools ? { tools: connection.knownTools.map((t) => ({ name: `${name}.${t.name}`, description: t.description })) } : {}),
    };
  };
  const list = () =>
    Object.entries(servers())
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, config]) => view(name, config));

  return {
    'mcp.list': () => list(),

    'mcp.save': async ({ name, command, args, cwd, url, env, headers }) => {
      if (!MCP_SERVER_NAME.test(name)) throw badInput('name', 'expected an MCP server name of letters, digits, "-" or "_" (no "__")');
      const target = { command: command?.trim() || undefined, url: url?.trim() || undefined };
      if (!target.command === !target.url) throw badInput(target.url ? 'url' : 'command', 'give a command (stdio) or a URL (streamable HTTP), not both');
      if (target.url && !/^https?:\/\//.test(target.url)) throw badInput('url', `expected an http(s) URL, got ${JSON.stringify(target.url)}`);
      const configured = deps.settings.baseConfig().config.mcp.servers[name];
      if (configured) throw new StudioError(`the MCP server '${name}' is defined in the configuration files; change it there`, 'bad_input');
      const values = (target.url ? headers : env) ?? {};
      for (const [key, value] of Object.entries(values)) {
        if (!KEY.test(key)) throw badInput(target.url ? 'headers' : 'env', `expected names of letters, digits, "_" or "-", got ${JSON.stringify(key)}`);
        if (value.length > MAX_SECRET || /[\r\n]/.test(value)) throw badInput(`${target.url ? 'headers' : 'env'}.${key}`, `expected one line of at most ${MAX_SECRET} characters`);
      }
      const settings = deps.store.get();
      const previous = settings.mcpServers[name]?.secretNames ?? [];
      settings.mcpServers[name] = {
        ...(target.command ? { command: target.command, ...(args?.length ? { args } : {}), ...(cwd?.trim() ? { cwd: cwd.trim() } : {}) } : { url: target.url! }),
        secretNames: Object.keys(values),
      };
      await deps.store.save(settings);
      for (const key of previous) if (!(key in values)) await deps.secrets.set(mcpSecretName(studioMcpSecret(name, key)), undefined);
      for (const [key, value] of Object.entries(values)) await deps.secrets.set(mcpSecretName(studioMcpSecret(name, key)), value);
      return list();
    },

    'mcp.remove': async ({ name }) => {
      const settings = deps.store.get();
      const saved = settings.mcpServers[name];
      if (!saved) {
        const known = servers()[name];
        throw new StudioError(known ? `the MCP server '${name}' is defined in the configuration files; remove it there` : `no MCP server named '${name}'`, 'bad_input');
      }
      delete settings.mcpServers[name];
      await deps.store.save(settings);
      for (const key of saved.secretNames) await deps.secrets.set(mcpSecretName(studioMcpSecret(name, key)), undefined);
      return list();
    },

    'mcp.test': async ({ name }) => {
      const config = servers()[name];
      if (!config) throw new StudioError(`no MCP server named '${name}'`, 'bad_input');
      try {
        await deps.hub.get(name)!.listTools(AbortSignal.timeout(30_000));
        return view(name, config);
      } catch (error) {
        return { ...view(name, config), error: (error as Error).message };
      }
    },
  };
}
