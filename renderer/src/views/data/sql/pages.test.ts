import { describe, expect, it } from 'vitest';
import { PageCache, pagesCovering, scrollScale } from './pages';

const rows = (from: number, count: number): unknown[][] => Array.from({ length: count }, (_, i) => [from + i]);

describe('pagesCovering', () => {
  it('lists the pages a row range touches', () => {
    expect(pagesCovering(0, 39, 500)).toEqual([0]);
    expect(pagesCovering(480, 520, 500)).toEqual([0, 1]);
    expect(pagesCovering(9_999_990, 9_999_999, 500)).toEqual([19_999]);
  });

  it('lists nothing for an empty range', () => {
    expect(pagesCovering(10, 9)).toEqual([]);
  });
});

describe('scrollScale', () => {
  it('is 1 while the rows fit the browser', () => {
    expect(scrollScale(100_000 * 26)).toBe(1);
  });

  it('shrinks ten million rows to the maximum height', () => {
    const scale = scrollScale(10_000_000 * 26, 15_000_000);
    expect(10_000_000 * 26 * scale).toBeCloseTo(15_000_000);
  });
});

describe('PageCache', () => {
  it('answers rows from the seed until page 0 arrives', () => {
    const cache = new PageCache(rows(0, 200), 500);
    expect(cache.row(199)).toEqual([199]);
    expect(cache.row(200)).toBeUndefined();
    expect(cache.missing(0, 40, 100_000)).toEqual([]);
    expect(cache.missing(150, 250, 100_000)).toEqual([0]);
  });

  it('fetches only pages neither cached nor seeded', () => {
    const cache = new PageCache([], 500);
    cache.store(1, rows(500, 500));
    expect(cache.missing(400, 1100, 100_000)).toEqual([0, 2]);
    expect(cache.row(777)).toEqual([777]);
  });

  it('does not ask past the last row', () => {
    const cache = new PageCache([], 500);
    expect(cache.missing(990, 1200, 1000)).toEqual([1]);
    expect(cache.missing(0, 10, 0)).toEqual([]);
  });

  it('keeps the pages nearest the latest one', () => {
    const cache = new PageCache([], 10, 3);
    for (const page of [0, 1, 2, 50]) cache.store(page, rows(page * 10, 10));
    expect(cache.cachedPages).toBe(3);
    expect(cache.has(0)).toBe(false);
    expect(cache.has(50)).toBe(true);
  });

  it('lets the grid scroll a page past what is loaded while more may follow', () => {
    expect(new PageCache([], 500).scrollableRows()).toBe(500); // a sorted view before its first page
    expect(new PageCache(rows(0, 200), 500).scrollableRows()).toBe(700);
    const cache = new PageCache(rows(0, 200), 500);
    cache.store(0, rows(0, 500));
    cache.store(1, rows(500, 500));
    expect(cache.scrollableRows()).toBe(1500);
    cache.store(2, rows(1000, 20));
    expect(cache.scrollableRows()).toBe(1020);
  });

  it('learns the exact count from a short last page', () => {
    const cache = new PageCache([], 500);
    cache.store(0, rows(0, 500));
    expect(cache.countFromShortPage()).toBeNull();
    cache.store(3, rows(1500, 42));
    expect(cache.countFromShortPage()).toBe(1542);
  });
});
