/** One axis of a plotly parcoords plot. */
export interface Dimension {
  label: string;
  values: number[];
  /** For a categorical param: positions and the category names shown there. */
  tickvals?: number[];
  ticktext?: string[];
}

export interface ParallelColumn {
  label: string;
  /** One per run; null where the run lacks it. */
  values: (string | number | null)[];
}

/** Past this many categories an axis of names is unreadable. */
const MOST_CATEGORIES = 20;
/** Parallel coordinates stop being readable past this many axes. */
export const MOST_DIMENSIONS = 14;

const asNumber = (value: string | number): number => (typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value));

/**
 * The axes of the plot: columns that every run has and that vary across the
 * runs (a constant axis says nothing). Numbers become numeric axes; a few
 * distinct strings become a categorical axis, in sorted order.
 */
export function parallelDimensions(columns: readonly ParallelColumn[], most = MOST_DIMENSIONS): Dimension[] {
  const dimensions: Dimension[] = [];
  for (const column of columns) {
    if (dimensions.length >= most) break;
    const dimension = dimensionOf(column);
    if (dimension) dimensions.push(dimension);
  }
  return dimensions;
}

function dimensionOf({ label, values }: ParallelColumn): Dimension | null {
  if (values.some((value) => value === null)) return null;
  const present = values as (string | number)[];
  if (new Set(present.map(String)).size < 2) return null;
  const numbers = present.map(asNumber);
  if (numbers.every(Number.isFinite)) return { label, values: numbers };
  const categories = [...new Set(present.map(String))].sort();
  if (categories.length > MOST_CATEGORIES) return null;
  return {
    label,
    values: present.map((value) => categories.indexOf(String(value))),
    tickvals: categories.map((_, index) => index),
    ticktext: categories,
  };
}

export interface ParallelLine {
  name: string;
  color: string;
}

type Trace = Record<string, unknown>;

const shortNumber = (value: number): string => String(Number(value.toPrecision(4)));

/**
 * The same picture drawn with plain SVG lines, for when WebGL (which plotly's
 * parcoords needs) is missing: each axis scaled to 0..1, its range or its
 * categories written along it, one line per run.
 */
export function svgParallelFigure(dimensions: readonly Dimension[], lines: readonly ParallelLine[]): { data: Trace[]; layout: Trace } {
  const scaled = dimensions.map((dimension) => {
    const low = dimension.tickvals ? 0 : Math.min(...dimension.values);
    const high = dimension.tickvals ? Math.max(1, dimension.tickvals.length - 1) : Math.max(...dimension.values);
    const span = high - low || 1;
    return { dimension, low, high, scale: (value: number): number => (value - low) / span };
  });
  const data = lines.map(
    (line, run): Trace => ({
      type: 'scatter',
      mode: 'lines+markers',
      name: line.name,
      x: scaled.map((_, axis) => axis),
      y: scaled.map(({ dimension, scale }) => scale(dimension.values[run] ?? Number.NaN)),
      text: scaled.map(({ dimension }) => {
        const value = dimension.values[run] ?? Number.NaN;
        return `${dimension.label}: ${dimension.ticktext ? (dimension.ticktext[value] ?? '') : shortNumber(value)}`;
      }),
      hoverinfo: 'text+name',
      line: { color: line.color },
      marker: { color: line.color, size: 6 },
    }),
  );
  const annotations = scaled.flatMap(({ dimension, low, high, scale }, axis): Trace[] => {
    const marks = dimension.ticktext
      ? dimension.ticktext.map((text, index) => ({ text, y: scale(index) }))
      : [
          { text: shortNumber(low), y: 0 },
          { text: shortNumber(high), y: 1 },
        ];
    return marks.map((mark) => ({ x: axis, y: mark.y, text: mark.text, showarrow: false, xanchor: 'left', xshift: 4, font: { size: 10 } }));
  });
  return {
    data,
    layout: {
      xaxis: { tickvals: scaled.map((_, axis) => axis), ticktext: dimensions.map((dimension) => dimension.label), range: [-0.2, Math.max(1, dimensions.length - 0.6)], zeroline: false, side: 'top' },
      yaxis: { visible: false, range: [-0.06, 1.06], fixedrange: true },
      annotations,
      showlegend: false,
      margin: { l: 20, r: 20, t: 40, b: 20 },
    },
  };
}
