import { z } from 'zod';

/**
 * MCP servers as the studio's settings show them: where each comes from, how it starts, its state
 * and (once started) its tools. Secret values (env, headers) never travel to the renderer: only
 * their names do.
 */
export const McpServerView = z.object({
  name: z.string(),
  /** `config`: from llmspell.yaml / config.yaml (read-only here); `studio`: added in the settings. */
  origin: z.enum(['config', 'studio']),
  kind: z.enum(['stdio', 'http']),
  /** The command line, or the URL. */
  target: z.string(),
  /** Names of the env variables (stdio) or headers (http) it is given; never their values. */
  secretNames: z.array(z.string()),
  state: z.enum(['idle', 'starting', 'ready', 'restarting', 'failed', 'stopped']),
  error: z.string().optional(),
  /** Its tools as `<server>.<tool>`, once it has been started. */
  tools: z.array(z.object({ name: z.string(), description: z.string() })).optional(),
});
export type McpServerView = z.infer<typeof McpServerView>;

/** A server to add or replace from the studio: `command` (+ args, cwd) or `url`; env/header values are secrets. */
export const McpServerInput = z.object({
  name: z.string(),
  command: z.string().optional(),
  args: z.array(z.string()).optional(),
  cwd: z.string().optional(),
  url: z.string().optional(),
  /** stdio: environment variables; values are stored in the secret store. */
  env: z.record(z.string(), z.string()).optional(),
  /** http: headers; values are stored in the secret store. */
  headers: z.record(z.string(), z.string()).optional(),
});
export type McpServerInput = z.infer<typeof McpServerInput>;
