import { BatchRuns } from '../batch/batch-runs';
import type { RunRecorder } from './run-recorder';
import type { RunsDeps } from './runs-service';
import { badInput, StudioError } from './studio-error';
import type { HandlersFor } from './studio-handlers';

/** A batch is many runs: it needs what running a spell needs (MCP servers stay per run). */
export type BatchesDeps = Omit<RunsDeps, 'mcp'>;

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
      end: (recorder, outcome, tokens, cost) => deps.history.end(recorder, outcome, tokens, { cost }),
    },
    refuse: (field, message) => (field === 'batchId' ? new StudioError(`batchId: ${message}`, 'not_found') : badInput(field, message)),
  });
  return {
    handlers: {
      'batches.preview': ({ name, content }) => batches.preview(name, content),
      'batches.start': (input) => {
        deps.consent?.assert(deps.library.locate(input.path).path);
        return batches.start(input);
      },
      'batches.stop': ({ batchId }) => (batches.stop(batchId), { ok: true as const }),
      'batches.list': ({ path }) => batches.list(path === undefined ? undefined : deps.library.locate(path).path),
      'batches.get': ({ batchId }) => batches.get(batchId),
    },
    close: () => batches.close(),
  };
}
