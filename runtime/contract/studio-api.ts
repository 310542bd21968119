import { z } from 'zod';
import { BatchEvent, BatchProgress, BatchResult } from './batch';
import { ConsentGrant, ConsentRequest, MAX_UPLOAD_BYTES } from './consent';
import { ErrorInfo } from './engine-protocol';
import { McpServerInput, McpServerView } from './mcp-settings';
import { RunEvent } from './run-events';
import { TestFileInfo, TestRunEvent } from './spell-tests';

/**
 * The Studio API: defined once, here. The WebSocket server (`llmspell studio`), Electron's IPC
 * handlers, the preload's `api` and the renderer's client are all derived from this table: add a
 * method by adding one entry (input + output schema), one implementation, one test.
 *
 * Wire shape (WebSocket): `{ id, method: "runs.start", params }` → `{ id, result }` or
 * `{ id, error: { message, code } }`; server pushes `{ event: "run", data }` for subscribed events.
 * `llmspell studio` serves the page at `/?token=T` and the socket at `/ws?token=T` (the page's cookie
 * works too); the upgrade must carry the page's own Origin. Every connected socket receives every
 * event. A malformed message gets `{ id: null, error }` with code `bad_request`; a bad `params` gets
 * code `bad_input` and a message naming the field (`files.save: path: expected string, ...`).
 * Electron's preload exposes the same as `window.api` (a {@link StudioClient}); there a failed call
 * rejects with a plain `{ name: 'StudioCallError', message, code }` object.
 */

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) => ({ input, output, doc });

/** A spell as the library browser shows it. */
export const SpellSummary = z.object({
  /** Stable id: the absolute path of the spell folder (or single file). */
  path: z.string(),
  name: z.string(),
  version: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  /** `workflow` for a workflow file, which opens on the canvas. */
  engine: z.enum(['lua', 'javascript', 'tengo', 'workflow']),
  /** Declared parameters (see runtime/contract/spell-parameter.ts) for the run form. */
  parameters: z.array(z.record(z.string(), z.unknown())),
  folder: z.string(),
  problems: z.array(z.string()).optional(),
});
export type SpellSummary = z.infer<typeof SpellSummary>;

/** One file of a spell, as the editor opens it. */
export const SpellFile = z.object({
  /** Path relative to the spell folder: `main.lua`, `spell.yaml`, `lib/util.lua`. */
  name: z.string(),
  content: z.string(),
  /** Modification time (ms) when read: a save with a stale `baseMtime` is refused, not overwritten. */
  mtime: z.number(),
});

/** A problem for an editor marker. */
export const Diagnostic = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int().optional(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
  /** A workflow problem's node (its path inside bodies: `loop/critique`), for the canvas to pin it on. */
  nodeId: z.string().optional(),
  /** A workflow problem's field path from the file's root, like `['nodes', 2, 'config', 'prompt']`. */
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/** A finished or running run, as history lists it. */
export const RunRecord = z.object({
  runId: z.string(),
  spellPath: z.string(),
  spellName: z.string(),
  params: z.record(z.string(), z.unknown()),
  startedAt: z.number(),
  status: z.enum(['running', 'ok', 'failed', 'stopped']),
  durationMs: z.number().optional(),
  error: z.optional(ErrorInfo),
  output: z.string(),
  tokens: z.number().int().optional(),
  /** The run's LLM exchanges were kept (bounded) with it: `runs.replay` can run it again offline. */
  cassette: z.object({ exchanges: z.int() }).optional(),
  /** This run replayed that run's cassette with its parameters. */
  replayOf: z.string().optional(),
  /** Lines sent to the run's io.read (bounded), which its replay reads again. */
  input: z.array(z.string()).optional(),
  /** What the run's LLM calls cost at the configured prices, in US dollars (with its nested runs). */
  cost: z.number().optional(),
});
export type RunRecord = z.infer<typeof RunRecord>;

/** One model's price as Settings shows it: shipped, from the configuration files, or set in the studio. */
export const PriceView = z.object({
  model: z.string(),
  input: z.number(),
  output: z.number(),
  source: z.enum(['default', 'config', 'studio']),
});
export type PriceView = z.infer<typeof PriceView>;

/** A price as Settings saves it: US dollars per million input and output tokens. */
const PriceInput = z.object({ input: z.number().min(0).max(100_000), output: z.number().min(0).max(100_000) });

/** Provider settings as the renderer sees them: never a key, only whether one is set. */
export const ProviderSettingsView = z.object({
  name: z.string(),
  baseUrl: z.string().optional(),
  /** The model set for this provider (settings, configuration or environment), if any. */
  model: z.string().optional(),
  /** The model a run uses with this provider: the set one, else the provider's own default. */
  runModel: z.string().optional(),
  hasKey: z.boolean(),
});

export const SettingsView = z.object({
  providers: z.array(ProviderSettingsView),
  currentProvider: z.string(),
  /** `cost`: the per-run cost cap in US dollars (`limits.cost`), absent when runs have none. */
  limits: z.object({ timeout: z.number(), memory: z.number(), cost: z.number().optional() }),
  libraryFolders: z.array(z.string()),
  /** The price table runs use (US dollars per million tokens), and where each price comes from. */
  prices: z.array(PriceView),
});
export type SettingsView = z.infer<typeof SettingsView>;

/** A batch started from the studio (a spell over every row of a file), as its list shows it. */
export const BatchRecord = z.object({
  /** Stable per spell and input: starting the same batch again resumes it. */
  batchId: z.string(),
  spellPath: z.string(),
  spellName: z.string(),
  /** The input file's name. */
  input: z.string(),
  startedAt: z.number(),
  status: z.enum(['running', 'ok', 'failed', 'stopped']),
  progress: BatchProgress,
});
export type BatchRecord = z.infer<typeof BatchRecord>;

/** An input file as the batch dialog sends it: its name (for the format) and its text. */
const BatchInputFile = z.object({
  name: z.string().regex(/\.(csv|jsonl|ndjson|json)$/i, { error: 'a .csv, .jsonl or .json file name' }),
  content: z.string().max(6 * 2 ** 20, { error: 'at most 6 MB of text' }),
});

const Ok = z.object({ ok: z.literal(true) });
const SpellRef = z.object({ path: z.string() });

/** A page of the docs (docs/*.md) as the Help panel lists it. */
export const DocSummary = z.object({
  /** File name: `cookbook.md`. */
  name: z.string(),
  /** The page's first `# ` heading. */
  title: z.string(),
});

/** Every method of the Studio API, by `service.method` name. */
export const STUDIO_METHODS = {
  'library.list': method(z.object({ text: z.string().optional(), tag: z.string().optional() }), z.array(SpellSummary), 'Spells in the library folders, filtered by text and tag.'),
  'library.tags': method(z.object({}), z.array(z.object({ tag: z.string(), count: z.number().int() })), 'Every tag in the library with how many spells carry it, most used first.'),
  'library.open': method(SpellRef, z.object({ spell: SpellSummary, files: z.array(SpellFile) }), 'The files of a spell. Never runs it.'),
  'library.create': method(
    z.object({ name: z.string(), template: z.enum(['basic', 'chat', 'agent', 'pipeline', 'tool', 'workflow']), engine: z.enum(['lua', 'javascript', 'tengo']) }),
    SpellSummary,
    'Creates a spell from a template in the user library; template `workflow` creates a workflow file (input → llm → output) for the canvas.',
  ),
  'library.duplicate': method(z.object({ path: z.string(), name: z.string() }), SpellSummary, 'Copies a spell under a new name.'),
  'library.rename': method(z.object({ path: z.string(), name: z.string() }), SpellSummary, 'Renames a spell (its folder and manifest name).'),
  'library.delete': method(SpellRef, z.object({ trashId: z.string() }), 'Moves a spell to the trash.'),
  'library.trash': method(z.object({}), z.array(z.object({ trashId: z.string(), name: z.string(), deletedAt: z.number() })), 'Spells in the trash.'),
  'library.restore': method(z.object({ trashId: z.string() }), SpellSummary, 'Restores a spell from the trash.'),
  'files.save': method(
    z.object({ path: z.string(), file: z.string(), content: z.string(), baseMtime: z.number().optional() }),
    z.object({ mtime: z.number() }),
    'Saves one file atomically; refuses when the file changed on disk since baseMtime.',
  ),
  'files.saveRecovery': method(z.object({ path: z.string(), file: z.string(), content: z.string() }), Ok, 'Keeps an unsaved edit to survive a crash or reload.'),
  'files.recovery': method(SpellRef, z.array(z.object({ file: z.string(), content: z.string(), savedAt: z.number() })), 'Unsaved edits kept for a spell.'),
  'files.discardRecovery': method(z.object({ path: z.string(), file: z.string() }), Ok, 'Drops a recovery copy (after save or an explicit discard).'),
  'files.diagnose': method(z.object({ path: z.string(), file: z.string(), content: z.string() }), z.array(Diagnostic), 'Syntax and manifest problems of a file, without running anything.'),
  'files.format': method(
    z.object({ path: z.string(), file: z.string(), content: z.string() }),
    z.object({ content: z.string() }),
    'Format Document: a Lua (StyLua) or JavaScript (Prettier) file as the editor holds it, formatted; nothing is written.',
  ),
  'runs.start': method(
    z.object({ path: z.string(), params: z.record(z.string(), z.unknown()), from: z.string().optional() }),
    z.object({ runId: z.string() }),
    'Starts a run; its events arrive as `run` events. For a workflow, `from` re-runs from that node with cached upstream results (`llmspell run --from`).',
  ),
  'runs.stop': method(z.object({ runId: z.string() }), Ok, 'Stops a run at once.'),
  'runs.input': method(z.object({ runId: z.string(), line: z.string() }), Ok, "Sends a line to a spell waiting in io.read()."),
  'runs.answer': method(z.object({ runId: z.string(), requestId: z.string(), text: z.string() }), Ok, "Answers a workflow's human node (its `input-requested` event)."),
  'runs.history': method(
    z.object({ path: z.string().optional(), text: z.string().optional(), limit: z.number().int().positive().optional() }),
    z.array(RunRecord),
    'Past runs, newest first (only the newest `limit` when given).',
  ),
  'runs.active': method(
    z.object({}),
    z.array(z.object({ run: RunRecord, events: z.array(RunEvent) })),
    'Runs still going on, with their events so far: a reloaded page re-attaches to them (status, console, Stop, input).',
  ),
  'runs.output': method(
    z.object({ runId: z.string() }),
    z.object({ text: z.string(), truncated: z.boolean() }),
    "Everything a run printed (stdout and stderr, in order), for the console's show all / save output; `truncated` when even the full copy hit its cap.",
  ),
  'runs.replay': method(
    z.object({ runId: z.string() }),
    z.object({ runId: z.string() }),
    "Runs a past run's spell again with its parameters against its kept cassette (replay, no network): a deterministic re-run whose output matches. The new run's events arrive as `run` events.",
  ),
  'runs.get': method(z.object({ runId: z.string() }), z.object({ run: RunRecord, events: z.array(RunEvent) }), 'One past run with its events.'),
  'tests.list': method(SpellRef, z.array(TestFileInfo), "A spell's test files and the cases they declare, found as `llmspell test` finds them. Runs nothing."),
  'tests.run': method(
    z.object({
      path: z.string(),
      /** Only this test file (`tests/a.test.lua`). */
      file: z.string().optional(),
      /** Only this case of `file`. */
      name: z.string().optional(),
      /** Record each file's cassette with the configured provider (`llmspell test --record`). */
      record: z.boolean().optional(),
    }),
    z.object({ testRunId: z.string() }),
    "Runs a spell's tests with `llmspell test`'s runner (all, one file, or one case); results arrive as `tests` events as cases finish.",
  ),
  'tests.active': method(
    SpellRef,
    z.array(z.object({ testRunId: z.string(), file: z.string().optional(), name: z.string().optional(), record: z.boolean(), events: z.array(TestRunEvent) })),
    "The spell's test run still going on, with its events so far: a reloaded page re-attaches to it.",
  ),
  'tests.stop': method(z.object({ testRunId: z.string() }), Ok, 'Stops a test run: its running spells end at once.'),
  'batches.preview': method(
    BatchInputFile,
    z.object({ columns: z.array(z.string()), rows: z.int(), sample: z.array(z.record(z.string(), z.unknown())), problems: z.array(z.string()) }),
    'The columns and row count of an input file, for mapping columns to parameters. Runs nothing.',
  ),
  'batches.start': method(
    BatchInputFile.extend({
      path: z.string(),
      /** Column → parameter renames (`--param-map`). */
      paramMap: z.record(z.string(), z.string()),
      concurrency: z.int().min(1).max(16).optional(),
      rerunFailed: z.boolean().optional(),
    }),
    z.object({ batchId: z.string() }),
    'Runs a spell over every row of a file (`llmspell batch`); progress arrives as `batch` events. The same spell and file resume where they stopped.',
  ),
  'batches.stop': method(z.object({ batchId: z.string() }), Ok, 'Stops a batch; the rows done stay done, a new start resumes it.'),
  'batches.list': method(z.object({ path: z.string().optional() }), z.array(BatchRecord), 'Batches started from the studio, newest first.'),
  'batches.get': method(z.object({ batchId: z.string() }), z.object({ batch: BatchRecord, results: z.array(BatchResult) }), 'One batch with its result rows in input order.'),
  'settings.get': method(z.object({}), SettingsView, 'The settings, without secrets.'),
  'settings.setProvider': method(
    z.object({ name: z.string(), baseUrl: z.string().optional(), model: z.string().optional(), apiKey: z.string().optional() }),
    SettingsView,
    'Saves a provider; a key is stored, never returned. Omit apiKey to keep the saved key; an empty apiKey removes it. A new base URL without a new key removes the saved key (it was meant for the old URL).',
  ),
  'settings.testProvider': method(
    z.object({ name: z.string(), baseUrl: z.string().optional(), apiKey: z.string().optional() }),
    z.union([z.object({ ok: z.literal(true), models: z.array(z.string()) }), z.object({ ok: z.literal(false), message: z.string() })]),
    "Lists the provider's models through the real client, with the form's unsaved URL and key when given. The saved key goes only to the saved URL.",
  ),
  'settings.update': method(
    z.object({
      currentProvider: z.string().optional(),
      /** `cost: null` removes the studio's cost cap. */
      limits: z.object({ timeout: z.number(), memory: z.number(), cost: z.number().nullable() }).partial().optional(),
      libraryFolders: z.array(z.string()).optional(),
      /** Prices by model id; `null` removes the studio's price of that model (the configured or shipped one applies again). */
      prices: z.record(z.string(), PriceInput.nullable()).optional(),
    }),
    SettingsView,
    'Updates limits (the cost cap too), prices, library folders or the current provider.',
  ),
  'mcp.list': method(z.object({}), z.array(McpServerView), 'The MCP servers of the configuration and the settings, with their state; secret values never.'),
  'mcp.save': method(McpServerInput, z.array(McpServerView), 'Adds or replaces an MCP server in the settings; env and header values go to the secret store.'),
  'mcp.remove': method(z.object({ name: z.string() }), z.array(McpServerView), 'Removes an MCP server added in the settings (and its secrets).'),
  'mcp.test': method(z.object({ name: z.string() }), McpServerView, 'Starts the server (if needed) and lists its tools; a failure is in `error`.'),
  'bundles.upload': method(
    z.object({
      /** The file's name as the user picked or dropped it (for messages only). */
      fileName: z.string().max(255),
      /** The `.spell` file's bytes, base64. */
      data: z.string().max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4, { error: `the bundle is larger than ${MAX_UPLOAD_BYTES / 2 ** 20} MiB; install it with llmspell install instead` }),
    }),
    z.object({ uploadId: z.string(), request: ConsentRequest, unchanged: z.boolean(), replaces: z.string().optional() }),
    'Checks a `.spell` bundle (size, archive safety, digest, signature against the trusted keys) without installing or extracting it, and returns what it may do for the consent dialog.',
  ),
  'bundles.install': method(
    z.object({ uploadId: z.string(), fingerprint: z.string() }),
    z.object({ spell: SpellSummary, status: z.enum(['installed', 'replaced', 'unchanged']) }),
    'Installs an uploaded bundle the user approved (its consent fingerprint) into the user library, replacing another version, and remembers the grant.',
  ),
  'bundles.discard': method(z.object({ uploadId: z.string() }), Ok, 'Drops an upload the user declined; nothing is installed.'),
  'bundles.export': method(
    SpellRef,
    z.object({ fileName: z.string(), data: z.string(), signedBy: z.string().optional() }),
    'Packs a spell folder into `name-version.spell` (base64), signed with `$LLMSPELL_HOME/keys/signing.key` when that key exists (`llmspell keygen`).',
  ),
  'consent.check': method(
    SpellRef,
    z.object({ required: z.boolean(), granted: z.boolean(), status: z.enum(['granted', 'changed', 'revoked', 'none']).optional(), request: ConsentRequest.optional() }),
    'Whether running the spell needs an approval (a spell installed from a bundle that asks for permissions), whether it has one, and what it may do.',
  ),
  'consent.grant': method(z.object({ path: z.string(), fingerprint: z.string() }), ConsentGrant, 'Approves what the spell may do (exactly the fingerprint shown); remembered for this name and version.'),
  'consent.list': method(z.object({}), z.array(ConsentGrant), 'Every remembered approval (the same grants `llmspell run` honours).'),
  'consent.revoke': method(z.object({ name: z.string(), version: z.string() }), z.array(ConsentGrant), 'Forgets an approval; the spell asks again before its next run.'),
  'docs.list': method(z.object({}), z.array(DocSummary), 'The pages of the docs shipped with llmspell (docs/*.md), the index first.'),
  'docs.read': method(z.object({ name: z.string() }), DocSummary.extend({ markdown: z.string() }), 'The Markdown text of one docs page, by file name.'),
} as const;

export type StudioMethod = keyof typeof STUDIO_METHODS;
export type StudioInput<M extends StudioMethod> = z.input<(typeof STUDIO_METHODS)[M]['input']>;
export type StudioOutput<M extends StudioMethod> = z.output<(typeof STUDIO_METHODS)[M]['output']>;

/** Events the host pushes to the renderer. */
export const STUDIO_EVENTS = {
  /** Every event of every run started from this studio. */
  run: RunEvent,
  /** The library changed on disk (a file was added, edited or removed). */
  library: z.object({ reason: z.string() }),
  /** Progress, rows and the summary of every batch started from this studio. */
  batch: z.object({ batchId: z.string(), event: BatchEvent }),
  /** Progress and results of every test run started from this studio. */
  tests: z.object({ testRunId: z.string(), spellPath: z.string(), event: TestRunEvent }),
} as const;
export type StudioEvent = keyof typeof STUDIO_EVENTS;
export type StudioEventData<E extends StudioEvent> = z.output<(typeof STUDIO_EVENTS)[E]>;

/** An error the API returns (bad input, unknown spell, stale save ...). */
export const StudioError = z.object({ message: z.string(), code: z.string() });

/** The typed client both shells expose: Electron's preload and the WebSocket client. */
export interface StudioClient {
  call<M extends StudioMethod>(method: M, input: StudioInput<M>): Promise<StudioOutput<M>>;
  on<E extends StudioEvent>(event: E, listener: (data: StudioEventData<E>) => void): () => void;
}
