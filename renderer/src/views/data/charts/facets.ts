/** One subplot: its facet value and the plotly axes it draws on. */
export interface Panel {
  facet: string | null;
  /** Trace references: 'x', 'x2', … */
  xaxis: string;
  yaxis: string;
  /** Layout keys: 'xaxis', 'xaxis2', … */
  xKey: string;
  yKey: string;
  xDomain: [number, number];
  yDomain: [number, number];
  bottomRow: boolean;
  firstColumn: boolean;
}

export interface Grid {
  panels: Panel[];
  rows: number;
  columns: number;
  /** Pixels: the plot's height, legend and margins included. */
  height: number;
}

const GAP_X = 0.06;
/** Room between rows for tick labels, the axis title and the next facet's title. */
const ROW_GAP_PX = 90;
const MARGINS_PX = 96;

/** A near-square grid of subplots, one per facet; a single panel when there are none. */
export function facetGrid(facets: readonly string[]): Grid {
  const values: (string | null)[] = facets.length === 0 ? [null] : [...facets];
  const columns = Math.ceil(Math.sqrt(values.length));
  const rows = Math.ceil(values.length / columns);
  const plotHeight = rows === 1 ? 460 : rows * 300 + 60;
  const gapY = ROW_GAP_PX / (plotHeight - MARGINS_PX);
  const width = (1 - GAP_X * (columns - 1)) / columns;
  const height = (1 - gapY * (rows - 1)) / rows;
  const panels = values.map((facet, i): Panel => {
    const row = Math.floor(i / columns);
    const column = i % columns;
    const suffix = i === 0 ? '' : String(i + 1);
    const left = column * (width + GAP_X);
    const top = 1 - row * (height + gapY);
    return {
      facet,
      xaxis: `x${suffix}`,
      yaxis: `y${suffix}`,
      xKey: `xaxis${suffix}`,
      yKey: `yaxis${suffix}`,
      xDomain: [left, Math.min(1, left + width)],
      yDomain: [Math.max(0, top - height), top],
      // The last row, or a panel with no panel below it.
      bottomRow: i + columns >= values.length,
      firstColumn: column === 0,
    };
  });
  return { panels, rows, columns, height: plotHeight };
}

export function panelOf(grid: Grid, facet: string | null): Panel {
  return grid.panels.find((p) => p.facet === facet) ?? (grid.panels[0] as Panel);
}
