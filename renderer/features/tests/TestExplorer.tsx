import { useMemo } from 'react';
import { testRows, useEditor, useShallow, useTests } from '../../state';
import { runTests } from './run-tests';
import { TestCaseRow } from './TestCaseRow';

/**
 * The open spell's tests (tests/*.test.lua, .js, .tengo), run by the runner of `llmspell test`:
 * Run all, one test, Record cassettes (with the configured provider), Stop; verdicts stream in as
 * cases finish, and a failed assertion links to (and is marked on) its line.
 */
export function TestExplorer() {
  const shown = useEditor((s) => s.spell !== null && s.spell.engine !== 'workflow');
  const { files, results, running, currentFile, summary, error } = useTests(
    useShallow((s) => ({ files: s.files, results: s.results, running: s.running, currentFile: s.currentFile, summary: s.summary, error: s.error })),
  );
  const rows = useMemo(() => testRows({ files, results, running, currentFile }), [files, results, running, currentFile]);
  if (!shown) return null;
  const busy = running !== null;
  const tests = useTests.getState();
  return (
    <section className="side-section tests" aria-labelledby="tests-title">
      <div className="panel-header">
        <h2 id="tests-title">Tests</h2>
        {busy ? (
          <button type="button" className="link-button" onClick={() => void tests.stop()}>
            Stop tests
          </button>
        ) : (
          files.length > 0 && (
            <>
              <button type="button" className="link-button" onClick={() => void runTests({ kind: 'all' })}>
                Run all tests
              </button>
              <button type="button" className="link-button" title="Run the tests with the configured provider and save what it answers as cassettes (tests/*.cassette.json)" onClick={() => void runTests({ kind: 'all' }, { record: true })}>
                Record cassettes
              </button>
            </>
          )
        )}
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <p className="tests-summary muted" role="status" aria-label="Test results">
        {busy
          ? `${running.record ? 'Recording' : 'Running'}${currentFile ? ` ${currentFile}` : ''}…`
          : summary
            ? `${summary.passed} passed, ${summary.failed} failed${summary.stopped ? ' (stopped)' : ''}${summary.record && !summary.stopped ? ' · cassettes recorded' : ''}${summary.error ? ` · ${summary.error}` : ''}`
            : ''}
      </p>
      {files.length === 0 ? (
        <p className="empty-note">No tests. Add tests/&lt;name&gt;.test.lua (or .js, .tengo) beside the spell.</p>
      ) : (
        rows.map((row) => (
          <div key={row.file} className="test-file">
            <h3 className="test-file-name mono">
              {row.file}
              {row.cassette && <span className="muted"> · cassette</span>}
            </h3>
            <ul className="test-list" aria-label={`Tests in ${row.file}`}>
              {row.cases.map((test) => (
                <TestCaseRow key={test.name} test={test} busy={busy} />
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
