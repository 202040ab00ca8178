import { useMemo } from 'react';
import { Plot } from '../runs/Plot';
import { aggregate, type Aggregate } from './aggregate';
import type { CompareRun } from './CompareMetrics';
import { parallelDimensions, svgParallelFigure, type ParallelColumn } from './parallel';
import { paramRows } from './param-diff';

/** Params and metrics of the runs as parallel axes, one line per run in its colour (plain SVG lines where WebGL is missing). */
export function ParallelPlot({ runs, metrics, how }: { runs: CompareRun[]; metrics: string[]; how: Aggregate }) {
  const figure = useMemo(() => {
    const params = paramRows(
      runs.map(({ run }) => run.params),
      true,
    ).map((row): ParallelColumn => ({ label: row.key, values: row.values }));
    const figures = metrics.map(
      (metric): ParallelColumn => ({
        label: metric,
        values: runs.map(({ run, history }) => (history?.[metric] ? aggregate(history[metric], how) : (run.metrics[metric] ?? null))),
      }),
    );
    const dimensions = parallelDimensions([...params, ...figures]);
    const last = Math.max(1, runs.length - 1);
    const colorscale = runs.map(({ color }, index) => [index / last, color]);
    return {
      dimensions,
      fallback: svgParallelFigure(
        dimensions,
        runs.map(({ run, color }) => ({ name: run.name || run.id, color })),
      ),
      data: [{ type: 'parcoords', dimensions, line: { color: runs.map((_, index) => index), colorscale, cmin: 0, cmax: last } }],
      layout: { margin: { l: 60, r: 60, t: 50, b: 24 } },
    };
  }, [runs, metrics, how]);

  if (figure.dimensions.length < 2) return <p className="exp-muted">Fewer than two params or metrics vary across these runs: nothing to draw.</p>;
  return <Plot data={figure.data} layout={figure.layout} fallback={figure.fallback} height={380} label="Params and metrics as parallel axes, one line per run" testId="compare-parallel" />;
}
