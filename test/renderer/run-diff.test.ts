import { describe, expect, it } from 'vitest';
import { diffLines, MAX_DIFF_LINES, paramRows } from '../../renderer/state/run-diff';

describe('run diff', () => {
  it('diffs lines: kept, removed, added, in order', () => {
    const diff = diffLines('Hello, Ada!\nstory one\nbye\n', 'Hello, Grace!\nstory one\nextra\nbye\n');
    expect(diff.map((d) => `${d.op}${d.text}`)).toEqual(['-Hello, Ada!', '+Hello, Grace!', ' story one', '+extra', ' bye', ' ']);
  });

  it('stays bounded on long outputs', () => {
    const a = Array.from({ length: MAX_DIFF_LINES * 3 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: MAX_DIFF_LINES * 3 }, (_, i) => `b${i}`).join('\n');
    const diff = diffLines(a, b);
    expect(diff.filter((d) => d.op === '-')).toHaveLength(MAX_DIFF_LINES * 3);
    expect(diff.filter((d) => d.op === '+')).toHaveLength(MAX_DIFF_LINES * 3);
  });

  it('lists every parameter of either run with what changed', () => {
    const run = (params: Record<string, unknown>) => ({ runId: 'r', spellPath: '/s', spellName: 's', params, startedAt: 1, status: 'ok' as const, output: '' });
    expect(paramRows(run({ name: 'Ada', n: 1 }), run({ name: 'Grace', n: 1, extra: true }))).toEqual([
      { name: 'extra', a: '—', b: 'true', changed: true },
      { name: 'n', a: '1', b: '1', changed: false },
      { name: 'name', a: 'Ada', b: 'Grace', changed: true },
    ]);
  });
});
