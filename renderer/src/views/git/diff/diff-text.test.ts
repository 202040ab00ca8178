import { describe, expect, it } from 'vitest';
import { cellChangesText, megabytes, tooLargeText } from './diff-text';

describe('diff texts', () => {
  it('names changed cells from 1, removed ones by their old place', () => {
    const text = cellChangesText([
      { change: 'unchanged', cellType: 'code', oldIndex: 0, newIndex: 0 },
      { change: 'modified', cellType: 'code', oldIndex: 1, newIndex: 2 },
      { change: 'added', cellType: 'markdown', oldIndex: null, newIndex: 4 },
      { change: 'removed', cellType: 'code', oldIndex: 6, newIndex: null },
    ]);
    expect(text).toBe('cell 3 modified, markdown cell 5 added, cell 7 removed');
  });

  it('counts the changes past the ones it names', () => {
    const cells = Array.from({ length: 11 }, (_, i) => ({ change: 'added' as const, cellType: 'code', oldIndex: null, newIndex: i }));
    expect(cellChangesText(cells, 3)).toBe('cell 1 added, cell 2 added, cell 3 added and 8 more');
  });

  it('says when no cell changed', () => {
    expect(cellChangesText([{ change: 'unchanged', cellType: 'code', oldIndex: 0, newIndex: 0 }])).toBe('no cell changed');
  });

  it('gives sizes in MB', () => {
    expect(megabytes(5 * 1024 * 1024)).toBe('5');
    expect(megabytes(1.5 * 1024 * 1024)).toBe('1.5');
    expect(tooLargeText(120 * 1024 * 1024, 5 * 1024 * 1024)).toBe('too large to diff (120 MB, limit 5 MB)');
  });
});
