/** Rows per `data.page` call: a screen is ~40 rows, so one call serves many scroll steps. */
export const PAGE_ROWS = 500;
/** Pages kept per result; the farthest from the view go first. 40 × 500 rows bounds memory. */
export const MAX_CACHED_PAGES = 40;
/**
 * Browsers cap an element's height (Chromium near 33.5 million px); beyond this
 * the scroll area is scaled down and scroll positions are mapped back to rows.
 */
export const MAX_SCROLL_PX = 15_000_000;

export type Row = unknown[];

/** The pages holding rows `first..last` (inclusive). */
export function pagesCovering(first: number, last: number, pageRows = PAGE_ROWS): number[] {
  if (last < first || first < 0) return [];
  const pages: number[] = [];
  for (let page = Math.floor(first / pageRows); page <= Math.floor(last / pageRows); page++) pages.push(page);
  return pages;
}

/** The scroll height's scale: 1 when it fits, less when the rows would be taller than the browser allows. */
export function scrollScale(contentPx: number, maxPx = MAX_SCROLL_PX): number {
  return contentPx <= maxPx ? 1 : maxPx / contentPx;
}

/**
 * Rows of one result view (one sort and filter), by page. `seed` is the first
 * rows the query answered with, used until page 0 arrives.
 */
export class PageCache {
  private readonly pages = new Map<number, Row[]>();

  constructor(
    private readonly seed: Row[] = [],
    private readonly pageRows = PAGE_ROWS,
    private readonly maxPages = MAX_CACHED_PAGES,
  ) {}

  row(index: number): Row | undefined {
    const page = this.pages.get(Math.floor(index / this.pageRows));
    if (page) return page[index % this.pageRows];
    return this.seed[index];
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  /**
   * Rows to let the grid scroll into before the count is in: up to the end of
   * the pages loaded from the top, plus a page of placeholders when a full page
   * says more may follow (scrolling into them fetches them).
   */
  scrollableRows(): number {
    let end = this.seed.length;
    for (let page = 0; this.pages.has(page); page++) {
      const rows = this.pages.get(page)?.length ?? 0;
      end = Math.max(end, page * this.pageRows + rows);
      if (rows < this.pageRows) return end;
    }
    return end + this.pageRows;
  }

  /** Pages with a row in `first..last` that are neither cached nor covered by the seed. */
  missing(first: number, last: number, total: number): number[] {
    const end = Math.min(last, total - 1);
    return pagesCovering(first, end, this.pageRows).filter((page) => {
      if (this.pages.has(page)) return false;
      const lastWanted = Math.min(end, (page + 1) * this.pageRows - 1);
      return lastWanted >= this.seed.length;
    });
  }

  /** Stores a page, dropping the pages farthest from it when over the limit. */
  store(page: number, rows: Row[]): void {
    this.pages.set(page, rows);
    if (this.pages.size <= this.maxPages) return;
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
    for (const far of byDistance.slice(0, this.pages.size - this.maxPages)) this.pages.delete(far);
  }

  /** A page shorter than a full page is the last one: the view's exact row count, known without counting. */
  countFromShortPage(): number | null {
    for (const [page, rows] of this.pages) if (rows.length < this.pageRows) return page * this.pageRows + rows.length;
    return null;
  }

  get cachedPages(): number {
    return this.pages.size;
  }
}
