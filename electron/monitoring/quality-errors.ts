import type { MonitoringReport } from '../../shared/contract';

export type ErrorPlots = NonNullable<NonNullable<MonitoringReport['quality']>['errors']>;

/** Bins of the error histogram, and per axis of predicted against actual: coarse enough for a few hundred rows, fine enough for a million. */
const ERROR_BINS = 30;
const GRID_BINS = 20;

interface Labelled {
  labels: number[];
  predictions: number[];
}

/** `bins` equal-width bins over [min, max], as numpy.histogram: the last bin includes its right edge; one value gets a unit-wide bin. */
function equalEdges(min: number, max: number, bins: number): number[] {
  const low = min === max ? min - 0.5 : min;
  const high = min === max ? max + 0.5 : max;
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? high : low + ((high - low) * i) / bins));
}

function binOf(value: number, edges: number[]): number {
  const bins = edges.length - 1;
  const low = edges[0] as number;
  const high = edges[bins] as number;
  return Math.min(bins - 1, Math.max(0, Math.floor(((value - low) / (high - low)) * bins)));
}

function extent(values: number[][]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const list of values)
    for (const v of list) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  return [min, max];
}

const errorsOf = (rows: Labelled): number[] => rows.predictions.map((p, i) => p - (rows.labels[i] as number));

/**
 * A regression's error plots, from the rows quality already read: the
 * distribution of errors (prediction − label) of the current data beside the
 * reference's, on shared edges, and predicted against actual for the current
 * data as a grid of counts. Only counts reach the report, never the rows.
 */
export function errorPlots(current: Labelled, reference: Labelled | null): ErrorPlots | null {
  if (current.labels.length === 0) return null;
  const currentErrors = errorsOf(current);
  const referenceErrors = reference && reference.labels.length > 0 ? errorsOf(reference) : null;
  const [low, high] = extent(referenceErrors ? [currentErrors, referenceErrors] : [currentErrors]);
  const edges = equalEdges(low, high, ERROR_BINS);
  const count = (errors: number[]): number[] => {
    const counts = new Array<number>(ERROR_BINS).fill(0);
    for (const e of errors) {
      const bin = binOf(e, edges);
      counts[bin] = (counts[bin] ?? 0) + 1;
    }
    return counts;
  };
  const [min, max] = extent([current.labels, current.predictions]);
  const gridEdges = equalEdges(min, max, GRID_BINS);
  const counts = Array.from({ length: GRID_BINS }, () => new Array<number>(GRID_BINS).fill(0));
  current.labels.forEach((label, i) => {
    const row = counts[binOf(label, gridEdges)] as number[];
    const column = binOf(current.predictions[i] as number, gridEdges);
    row[column] = (row[column] ?? 0) + 1;
  });
  return { edges, reference: referenceErrors ? count(referenceErrors) : null, current: count(currentErrors), predictedVsActual: { edges: gridEdges, counts } };
}
