import { describe, expect, it } from 'vitest';
import { toMarkers } from '../../renderer/features/editor/markers';

const lines = ['local x = 1', '  print(x +)', 'end'];

describe('diagnostic markers', () => {
  it('underlines the word at a known column', () => {
    expect(toMarkers([{ file: 'main.lua', line: 1, column: 7, message: 'unused', severity: 'warning' }], lines)).toEqual([
      { severity: 'warning', message: 'unused', startLineNumber: 1, startColumn: 7, endLineNumber: 1, endColumn: 8 },
    ]);
  });

  it('marks the whole line (after its indent) without a column', () => {
    expect(toMarkers([{ file: 'main.lua', line: 2, message: 'unexpected symbol', severity: 'error' }], lines)[0]).toMatchObject({ startColumn: 3, endColumn: 13 });
  });

  it('pins lines past the end to the last line', () => {
    expect(toMarkers([{ file: 'main.lua', line: 40, message: "'end' expected", severity: 'error' }], lines)[0]).toMatchObject({ startLineNumber: 3, endLineNumber: 3 });
    expect(toMarkers([{ file: 'main.lua', line: 1, message: 'x', severity: 'error' }], [''])[0]).toMatchObject({ startColumn: 1, endColumn: 2 });
  });
});
