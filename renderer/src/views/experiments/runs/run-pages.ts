/** Runs per `tracking.searchRuns` call: a screen shows ~30 rows, so one call serves several scroll steps. */
export const PAGE_SIZE = 100;
/** Pages kept; the farthest from the latest one go first. */
export const MAX_PAGES = 60;

interface Page<T> {
  rows: T[];
  /** Shown until its fresh copy arrives, but fetched again when on screen. */
  stale: boolean;
}

/** Rows of one search (one experiment choice, filter and sort), by page, fetched as the table scrolls. */
export class PagedRows<T> {
  private readonly pages = new Map<number, Page<T>>();

  constructor(
    readonly pageSize = PAGE_SIZE,
    private readonly maxPages = MAX_PAGES,
  ) {}

  at(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.rows[index % this.pageSize];
  }

  /** Pages holding a row in `first..last` (within `total`) that are absent or stale. */
  missing(first: number, last: number, total: number): number[] {
    const end = Math.min(last, total - 1);
    if (end < first || first < 0) return [];
    const wanted: number[] = [];
    for (let page = Math.floor(first / this.pageSize); page <= Math.floor(end / this.pageSize); page++) {
      const held = this.pages.get(page);
      if (!held || held.stale) wanted.push(page);
    }
    return wanted;
  }

  store(page: number, rows: T[]): void {
    this.pages.set(page, { rows, stale: false });
    if (this.pages.size <= this.maxPages) return;
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
    for (const far of byDistance.slice(0, this.pages.size - this.maxPages)) this.pages.delete(far);
  }

  /** After a change elsewhere: keep showing what is held, but fetch each page again when it is on screen. */
  markStale(): void {
    for (const page of this.pages.values()) page.stale = true;
  }

  /** Every row held, in no particular order. */
  held(): T[] {
    return [...this.pages.values()].flatMap((page) => page.rows);
  }

  /** The index of the first held row that `matches`, or -1. */
  findIndex(matches: (row: T) => boolean): number {
    for (const [page, { rows }] of this.pages) {
      const found = rows.findIndex(matches);
      if (found >= 0) return page * this.pageSize + found;
    }
    return -1;
  }
}

/** A search run opened in the table: its trials are listed under it. */
export interface Expansion {
  /** The parent's row in the search's order. */
  parentIndex: number;
  /** Rows under it: its trials, or one row saying they are loading or that there are none. */
  rows: number;
}

export type DisplayRow = { kind: 'run'; index: number } | { kind: 'child'; parentIndex: number; childIndex: number };

function ordered(expansions: readonly Expansion[]): Expansion[] {
  return [...expansions].sort((a, b) => a.parentIndex - b.parentIndex);
}

/** Rows the table shows: the search's runs plus the rows under the opened ones. */
export function displayCount(total: number, expansions: readonly Expansion[]): number {
  return total + expansions.filter((expansion) => expansion.parentIndex < total).reduce((sum, expansion) => sum + expansion.rows, 0);
}

/** What the table's row `display` shows: a run of the search, or a row under an opened run. */
export function displayRowAt(display: number, expansions: readonly Expansion[]): DisplayRow {
  let inserted = 0;
  for (const expansion of ordered(expansions)) {
    const parentDisplay = expansion.parentIndex + inserted;
    if (display <= parentDisplay) break;
    if (display <= parentDisplay + expansion.rows) return { kind: 'child', parentIndex: expansion.parentIndex, childIndex: display - parentDisplay - 1 };
    inserted += expansion.rows;
  }
  return { kind: 'run', index: display - inserted };
}
