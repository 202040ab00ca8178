import { describe, expect, it } from 'vitest';
import { displayCount, displayRowAt, PagedRows } from './run-pages';

describe('PagedRows', () => {
  it('serves rows from their pages and lists the pages on screen it lacks', () => {
    const rows = new PagedRows<string>(10);
    expect(rows.missing(5, 25, 100)).toEqual([0, 1, 2]);
    rows.store(1, Array.from({ length: 10 }, (_, i) => `r${10 + i}`));
    expect(rows.at(13)).toBe('r13');
    expect(rows.at(3)).toBeUndefined();
    expect(rows.missing(5, 25, 100)).toEqual([0, 2]);
  });
  it('never asks past the total', () => {
    const rows = new PagedRows<string>(10);
    expect(rows.missing(0, 40, 12)).toEqual([0, 1]);
    expect(rows.missing(0, 40, 0)).toEqual([]);
  });
  it('keeps showing stale pages while asking for them again', () => {
    const rows = new PagedRows<string>(10);
    rows.store(0, ['a', 'b']);
    rows.markStale();
    expect(rows.at(1)).toBe('b');
    expect(rows.missing(0, 1, 2)).toEqual([0]);
    rows.store(0, ['a', 'c']);
    expect(rows.missing(0, 1, 2)).toEqual([]);
    expect(rows.findIndex((row) => row === 'c')).toBe(1);
    expect(rows.findIndex((row) => row === 'z')).toBe(-1);
  });
  it('drops the pages farthest from the latest past its limit', () => {
    const rows = new PagedRows<number>(1, 3);
    for (const page of [0, 1, 2, 9]) rows.store(page, [page]);
    expect(rows.at(0)).toBeUndefined();
    expect(rows.at(1)).toBe(1);
    expect(rows.at(9)).toBe(9);
  });
});

describe('rows under opened searches', () => {
  it('counts the inserted rows of parents within the total', () => {
    expect(displayCount(10, [])).toBe(10);
    expect(displayCount(10, [{ parentIndex: 2, rows: 3 }, { parentIndex: 12, rows: 5 }])).toBe(13);
  });
  it('maps table rows to runs and trials, whatever order the parents were opened in', () => {
    const expansions = [
      { parentIndex: 5, rows: 1 },
      { parentIndex: 1, rows: 2 },
    ];
    const shown = Array.from({ length: displayCount(8, expansions) }, (_, display) => displayRowAt(display, expansions));
    expect(shown).toEqual([
      { kind: 'run', index: 0 },
      { kind: 'run', index: 1 },
      { kind: 'child', parentIndex: 1, childIndex: 0 },
      { kind: 'child', parentIndex: 1, childIndex: 1 },
      { kind: 'run', index: 2 },
      { kind: 'run', index: 3 },
      { kind: 'run', index: 4 },
      { kind: 'run', index: 5 },
      { kind: 'child', parentIndex: 5, childIndex: 0 },
      { kind: 'run', index: 6 },
      { kind: 'run', index: 7 },
    ]);
  });
});
