import { opt, p, t, type ApiClass, type ApiModule } from './model';

const server = p('server', t.string, 'A server configured under `mcp.servers` (and granted by the manifest\'s `permissions.mcp`).');

/** `mcp`: resources and prompts of MCP servers (their tools are in `tools`, as `<server>.<tool>`). */
export const MCP_MODULE: ApiModule = {
  name: 'mcp',
  doc:
    'Model Context Protocol servers configured in the host (`mcp.servers` in llmspell.yaml). Their tools appear in `tools.list()` as `<server>.<tool>` and run with `tools.execute`; this module reads their resources and prompts. The host starts each server on first use and shares it between runs.',
  functions: [
    { name: 'servers', doc: 'The servers this run may use, sorted.', params: [], returns: t.array(t.string), async: true, rpc: ['mcp.servers'] },
    { name: 'resources', doc: 'The resources a server offers.', params: [server], returns: t.array(t.ref('McpResource')), fails: true, async: true, rpc: ['mcp.resources'] },
    {
      name: 'read',
      doc: 'Reads a resource: its contents, each with `text` (or base64 `blob`).',
      params: [server, p('uri', t.string, 'The resource URI, as `mcp.resources` lists it.')],
      returns: t.array(t.ref('McpContent')),
      fails: true,
      async: true,
      rpc: ['mcp.read'],
    },
    {
      name: 'prompt',
      doc: 'Gets a prompt filled with arguments: its messages, ready for `llm.chat_with_history`.',
      params: [server, p('name', t.string, 'The prompt\'s name.'), opt('args', t.map(t.string), 'The prompt\'s arguments.')],
      returns: t.ref('McpPrompt'),
      fails: true,
      async: true,
      rpc: ['mcp.prompt'],
    },
  ],
};

/** Records of the mcp module. */
export const MCP_CLASSES: ApiClass[] = [
  {
    name: 'McpResource',
    doc: 'A resource of an MCP server.',
    fields: [p('uri', t.string), p('name', t.string), opt('description', t.string), opt('mime', t.string, 'The MIME type.')],
  },
  {
    name: 'McpContent',
    doc: 'One part of a resource.',
    fields: [p('uri', t.string), opt('mime', t.string, 'The MIME type.'), opt('text', t.string), opt('blob', t.string, 'Base64 bytes, for binary contents.')],
  },
  {
    name: 'McpPrompt',
    doc: 'A prompt of an MCP server; message contents that are not text are JSON-encoded.',
    fields: [opt('description', t.string), p('messages', t.array(t.ref('McpMessage')))],
  },
  { name: 'McpMessage', doc: 'One message of a prompt.', fields: [p('role', t.string, '`user` or `assistant`.'), p('content', t.string)] },
];
