import type { Supervisor } from '../host/supervisor';
import { BatchRuns } from '../batch/batch-runs';
import type { RunHistory } from './run-history';
import type { RunRecorder } from './run-recorder';
import type { SettingsService } from './settings-service';
import type { StudioLibrary } from './studio-library';
import { badInput, StudioError } from './studio-error';
import type { StudioEvents } from './studio-events';
import type { HandlersFor } from './studio-handlers';

export interface BatchesDeps {
  library: StudioLibrary;
  settings: SettingsService;
  history: RunHistory;
  supervisor: Supervisor;
  events: StudioEvents;
  home: string;
  cwd: string;
}

/** The studio's `batches.*` methods over {@link BatchRuns}; batch events go to every window. */
export function batchesService(deps: BatchesDeps): {
  handlers: HandlersFor<'batches.preview' | 'batches.start' | 'batches.stop' | 'batches.list' | 'batches.get'>;
  close(): Promise<void>;
} {
  const batches = new BatchRuns<RunRecorder>({
    home: deps.home,
    cwd: deps.cwd,
    supervisor: deps.supervisor,
    locate: (spellPath) => deps.library.locate(spellPath).path,
    runConfig: () => deps.settings.runConfig(),
    emit: (data) => deps.events.emit('batch', data),
    history: {
      begin: (record) => deps.history.begin(record),
      add: (recorder, event) => recorder.add(event),
      end: (recorder, outcome, tokens, cost) => deps.history.end(recorder, outcome, tokens, cost),
    },
    refuse: (field, message) => (field === 'batchId' ? new StudioError(`batchId: ${message}`, 'not_found') : badInput(field, message)),
  });
  return {
    handlers: {
      'batches.preview': ({ name, content }) => batches.preview(name, content),
      'batches.start': (input) => batches.start(input),
      'batches.stop': ({ batchId }) => (batches.stop(batchId), { ok: true as const }),
      'batches.list': ({ path }) => batches.list(path === undefined ? undefined : deps.library.locate(path).path),
      'batches.get': ({ batchId }) => batches.get(batchId),
    },
    close: () => batches.close(),
  };
}
