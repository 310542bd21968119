import { memo } from 'react';
import { formatDuration, useEditor, type TestCaseView } from '../../state';
import { runTests } from './run-tests';
import { Icon } from '../layout/Icon';

const STATUS_TEXT: Record<TestCaseView['status'], string> = { idle: 'not run', queued: 'queued', running: 'running', passed: 'passed', failed: 'failed' };

/** One case: its verdict and time, a jump to it in its file, Run one; a failure's message links to its line. */
export const TestCaseRow = memo(function TestCaseRow({ test, busy }: { test: TestCaseView; busy: boolean }) {
  const { result } = test;
  const reveal = (line: number, column?: number) => useEditor.getState().revealLine(test.file, line, column);
  return (
    <li className={`test-case test-${test.status}`} aria-label={`${test.name}, ${STATUS_TEXT[test.status]}`}>
      <span className={`status-dot status-${test.status}`} aria-hidden="true" />
      <button
        type="button"
        className="test-name"
        title={test.line !== undefined ? `Go to ${test.file}:${test.line}` : test.file}
        aria-label={`Go to test ${test.name}`}
        onClick={() => reveal(test.line ?? 1)}
      >
        {test.name}
      </button>
      <span className="test-meta muted">
        <span className="visually-hidden">{STATUS_TEXT[test.status]}</span>
        {result ? formatDuration(result.durationMs) : test.status === 'running' ? 'running…' : ''}
      </span>
      <button
        type="button"
        className="mini-button"
        aria-label={`Run test ${test.name}`}
        title="Run this test alone"
        disabled={busy}
        onClick={() => void runTests(test.name === test.file ? { kind: 'file', file: test.file } : { kind: 'case', file: test.file, name: test.name })}
      >
        <Icon name="play" size={12} />
      </button>
      {result && !result.ok && result.error && (
        <div className="test-failure">
          {result.line !== undefined && (
            <button type="button" className="line-link" aria-label={`Go to the failure of ${test.name} at ${test.file} line ${result.line}`} onClick={() => reveal(result.line!, result.column)}>
              {test.file}:{result.line}
            </button>
          )}
          <pre className="test-error mono">{result.error}</pre>
        </div>
      )}
    </li>
  );
});
