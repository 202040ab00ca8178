/** Geometry for the panel's small SVG charts: pure, so it is tested without a browser. */

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Segment extends Bar {
  /** Index of the target group this segment counts. */
  group: number;
  count: number;
}

/** Never draw a non-zero count as nothing: a single outlier in a bin must still show. */
const MIN_VISIBLE = 1;

function slot(index: number, bins: number, width: number, gap: number): { x: number; width: number } {
  const step = width / bins;
  const barGap = step > gap * 3 ? gap : 0;
  return { x: index * step + barGap / 2, width: Math.max(step - barGap, 0.5) };
}

function scaled(count: number, max: number, height: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max((count / max) * height, MIN_VISIBLE);
}

/** One bar per count across `width`, heights relative to the largest count. */
export function histogramBars(counts: readonly number[], width: number, height: number, gap = 1): Bar[] {
  const max = Math.max(0, ...counts);
  return counts.map((count, i) => {
    const h = scaled(count, max, height);
    return { ...slot(i, counts.length, width, gap), y: height - h, height: h };
  });
}

/**
 * Bars stacked by target group: `groups[g][bin]` is the count of group g in bin.
 * Heights are relative to the tallest stack, so bins compare by size, or with
 * `stretch` every non-empty bin is full height, so the groups' shares compare
 * (Orange's "stretch bars"). Each bin's segments go bottom-up in group order.
 */
export function stackedBars(groups: readonly (readonly number[])[], width: number, height: number, gap = 1, stretch = false): Segment[][] {
  const bins = Math.max(0, ...groups.map((g) => g.length));
  const totals = Array.from({ length: bins }, (_, bin) => groups.reduce((sum, g) => sum + (g[bin] ?? 0), 0));
  const max = Math.max(0, ...totals);
  return totals.map((total, bin) => {
    const { x, width: w } = slot(bin, bins, width, gap);
    const stackHeight = stretch ? (total > 0 ? height : 0) : scaled(total, max, height);
    let top = height;
    return groups.flatMap((g, group) => {
      const count = g[bin] ?? 0;
      if (count <= 0) return [];
      const h = (count / total) * stackHeight;
      top -= h;
      return [{ x, width: w, y: top, height: h, group, count }];
    });
  });
}

/** Each count as a share of the total, for bars of top values. */
export function shares(counts: readonly number[], total: number): number[] {
  return counts.map((count) => (total > 0 ? count / total : 0));
}
