import { DEFAULTS } from './schema';

const list = (items: readonly string[]): string => `[${items.join(', ')}]`;

/**
 * A commented starter `config.yaml`: every section with its default value and a comment on what it
 * does; provider keys are commented out. It parses as a valid configuration equal to the defaults.
 */
export function starterConfigText(): string {
  const d = DEFAULTS;
  return `# llmspell configuration.
# Precedence, lowest first: built-in defaults < ~/.llmspell/config.yaml < ./llmspell.yaml
#   < .env < environment variables (LLMSPELL_*, OPENAI_API_KEY, ...) < command-line flags.
# Show the effective values and where each one came from with: llmspell config show

# Provider used by llm calls. Default: the first one with a key below, else the offline "mock".
# provider: openai
# Model override for the current provider (otherwise the provider's own model).
# model: gpt-4o

# Log detail: debug | info | warn | error.
log_level: ${d.log_level}

# Per-run limits: wall-clock timeout in seconds, engine memory in megabytes. Workflows and spells a
# run starts share its time and memory; they may nest max_depth levels deep (1..64) with at most
# max_processes engine processes running at once (1..256).
limits:
  timeout: ${d.limits.timeout}
  memory: ${d.limits.memory}
  max_depth: ${d.limits.max_depth}
  max_processes: ${d.limits.max_processes}
  # CPU seconds of a run's engine processes (off unless set):
  # cpu: 60
  # US dollars a run's LLM calls may cost at the prices below (off unless set; also --max-cost):
  # cost: 0.50

# Warm engine processes kept ready so runs start fast (0..16; 0 starts one per run).
pool:
  size: ${d.pool.size}

# LLM requests: retries after a failure (0..10), per-request timeout in seconds.
llm:
  retries: ${d.llm.retries}
  request_timeout: ${d.llm.request_timeout}

# LLM providers. Known names: openai, anthropic, gemini, ollama, openrouter; any other name is a
# custom OpenAI-compatible server and needs base_url. Prefer environment variables for keys
# (OPENAI_API_KEY, ...); keep this file private (mode 0600) if you put keys here.
providers:
  # openai:
  #   api_key: sk-...
  #   model: gpt-4o
  # anthropic:
  #   api_key: sk-ant-...
  # ollama:
  #   base_url: http://localhost:11434
  # my-server:
  #   base_url: http://localhost:8080/v1
  #   api_key: ...

# What LLM calls cost, in US dollars per million input and output tokens, by model id. Common
# OpenAI, Anthropic and Google models have shipped prices (llmspell config show lists them); an
# entry here replaces one, "provider/model" prices one provider's model only, and a model without
# a price costs $0.
prices:
  # gpt-4o: { input: 2.5, output: 10 }
  # my-server/my-model: { input: 0.2, output: 0.2 }

# The storage bridge: largest file a spell may read or write (bytes), the total each spell's
# storage may hold (bytes), and allowed extensions.
storage:
  max_bytes: ${d.storage.max_bytes}
  quota_bytes: ${d.storage.quota_bytes}
  extensions: ${list(d.storage.extensions)}

# The http bridge: hosts spells may reach (e.g. api.example.com), and whether private or
# loopback addresses are allowed.
network:
  allow_hosts: ${list(d.network.allow_hosts)}
  allow_private: ${d.network.allow_private}

# Extra folders of spells shown in the library.
library:
  folders: ${list(d.library.folders)}

# MCP servers: their tools reach spells as <server>.<tool> (a spell's manifest grants servers with
# permissions: { mcp: [name] }). A stdio server has command, args, env and cwd; a streamable HTTP
# one has url and headers. "\${NAME}" in env or headers reads the secret NAME saved in the studio,
# else the environment variable NAME. \`llmspell mcp list\` shows them and their tools.
mcp:
  servers: {}
  # servers:
  #   files:
  #     command: npx
  #     args: [-y, "@modelcontextprotocol/server-filesystem", /path/to/folder]
  #   remote:
  #     url: https://mcp.example.com/mcp
  #     headers: { Authorization: "Bearer \${REMOTE_TOKEN}" }
# llmspell install: refuse bundles that carry no signature from a trusted key.
install:
  require_signed: ${d.install.require_signed}

# The studio: how many runs go at once (more wait in a queue), and how many finished runs its
# history keeps (the oldest go first).
studio:
  max_runs: ${d.studio.max_runs}
  history_runs: ${d.studio.history_runs}
`;
}
