import path from 'node:path';
import type { Supervisor } from '../host/supervisor';
import { diagnosticsService } from './diagnostics-service';
import { filesService } from './files-service';
import { formatService } from './format-service';
import { libraryService } from './library-service';
import { RecoveryStore } from './recovery-store';
import { RunHistory } from './run-history';
import { runsService } from './runs-service';
import type { SecretStore } from './secret-store';
import { McpHub } from '../mcp/mcp-hub';
import { mcpSecretName, secretsThenEnv } from '../mcp/mcp-secrets';
import { mcpService } from './mcp-service';
import { SettingsService } from './settings-service';
import { SettingsStore } from './settings-store';
import { StudioEvents } from './studio-events';
import type { StudioHandlers } from './studio-handlers';
import { docsService } from './docs-service';
import { StudioLibrary } from './studio-library';
import { trashService } from './trash-service';
import { configuredHistoryLimits, type HistoryLimits } from './history-limits';
import { batchesService } from './batches-service';
import { bundlesService } from './bundles-service';
import { consentService } from './consent-service';
import { testsService } from './tests-service';

/** Every capability the studio uses, passed in: nothing is read from globals. */
export interface StudioOptions {
  /** `$LLMSPELL_HOME`: settings, secrets, history, trash, recovery copies and the user's spells. */
  home: string;
  /** The project folder: its `spells/`, `llmspell.yaml` and `.env`. */
  cwd: string;
  /** The environment configuration is read from (keys in it count as set). */
  env: NodeJS.ProcessEnv;
  /** Runs engine processes (child_process under Node, utilityProcess under Electron). */
  supervisor: Supervisor;
  /** Where API keys live (a 0600 file, or safeStorage ciphertext under Electron). */
  secrets: SecretStore;
  /** The host's own log (stderr): never given a key. */
  log?: (line: string) => void;
  /** Fixed history limits (tests); by default `studio.history_runs` from the configuration and the built-in rest. */
  historyLimits?: HistoryLimits;
  /** How often the library folders are checked for outside changes while someone listens (ms; 0 = never). */
  watchIntervalMs?: number;
}

/** The studio: one handler per contract method, the events it pushes, and its shutdown. */
export interface Studio {
  handlers: StudioHandlers;
  events: StudioEvents;
  /** Stops every run, stops watching and waits for history to reach the disk (the supervisor is the caller's). */
  close(): Promise<void>;
}

/** Assembles the Studio API from its services. Transports (WebSocket server, Electron IPC) sit on top. */
export function createStudio(options: StudioOptions): Studio {
  const log = options.log ?? (() => {});
  const { home, cwd, env, supervisor, secrets } = options;
  const events = new StudioEvents();
  const settingsStore = new SettingsStore(path.join(home, 'studio-settings.json'), log);
  const settings = new SettingsService({ cwd, env, home, secrets, store: settingsStore });
  const library = new StudioLibrary({ cwd, home, extraFolders: () => settings.libraryFolders() });
  const recovery = new RecoveryStore(path.join(home, 'recovery'));
  // (the files and environment alone: the studio's own settings hold no history size, and a trim needs no keys)
  const historyLimits = options.historyLimits ?? configuredHistoryLimits(() => settings.baseConfig().config.studio.history_runs);
  const history = new RunHistory(path.join(home, 'history'), historyLimits, log);
  // The studio's MCP servers: shared by its runs, configured anew from the settings before each run.
  const mcp = new McpHub({}, secretsThenEnv((name) => secrets.get(mcpSecretName(name)), env));
  // Spells installed from a bundle run only once the user approved what they may do.
  const consent = consentService({ library, home });
  const bundles = bundlesService({ library, settings, events, grants: consent.store, home });
  const runDeps = { library, settings, history, supervisor, events, home, cwd, consent };
  const runs = runsService({ ...runDeps, mcp });
  const batches = batchesService(runDeps);
  const tests = testsService({ library, settings, supervisor, events, home, consent });
  // Reading the history at start marks runs an earlier studio left `running` as interrupted, on disk.
  void history.list({});

  const handlers: StudioHandlers = {
    ...libraryService({ library, events, recovery }),
    ...trashService({ library, events, root: path.join(home, 'trash') }),
    ...filesService({ library, events, recovery }),
    ...diagnosticsService({ library }),
    ...formatService(),
    ...runs.handlers,
    ...batches.handlers,
    ...tests.handlers,
    ...settings.handlers(),
    ...mcpService({ settings, store: settingsStore, secrets, hub: mcp }),
    ...docsService(),
    ...bundles.handlers,
    ...consent.handlers,
  };

  // Outside edits (git pull, another editor) reach open windows; checked only while someone listens.
  const interval = options.watchIntervalMs ?? 2000;
  const timer = interval > 0 ? setInterval(() => {
    if (events.size === 0) return;
    try {
      if (library.refresh()) events.emit('library', { reason: 'changed on disk' });
    } catch (error) {
      log(`library watch: ${(error as Error).message}`);
    }
  }, interval) : undefined;
  timer?.unref();

  return {
    handlers,
    events,
    async close() {
      clearInterval(timer);
      bundles.close();
      await Promise.all([runs.close(), batches.close(), tests.close()]);
      await mcp.close();
    },
  };
}
