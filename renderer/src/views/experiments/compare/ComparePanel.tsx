import { useMemo, useState } from 'react';
import { defaultColumns } from '../runs/run-columns';
import { StatusBadge } from '../runs/StatusBadge';
import type { Aggregate } from './aggregate';
import { CompareChart, CompareMetricTable, type CompareRun } from './CompareMetrics';
import { CompareParams } from './CompareParams';
import { ParallelPlot } from './ParallelPlot';
import { useCompareData } from './use-compare-data';
import '../runs/runs.css';
import './compare.css';

// Tableau 10: tells up to ten runs apart on light and dark backgrounds alike.
const palette = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#79706e'];

/** Two or more runs side by side: a metric's curves overlaid, each metric's figure per run, params with their differences, and parallel coordinates. */
export function ComparePanel({ runIds }: { runIds: string[] }) {
  const { runs, histories, failures, loading } = useCompareData(runIds);
  const [chosen, setChosen] = useState<string | null>(null);
  const [how, setHow] = useState<Aggregate>({ mode: 'last' });

  const compared = useMemo(
    (): CompareRun[] => runs.map((run, index) => ({ run, color: palette[index % palette.length] ?? '#4c78a8', history: histories.get(run.id) })),
    [runs, histories],
  );
  const metrics = useMemo(
    () => [...new Set(compared.flatMap(({ run, history }) => [...Object.keys(run.metrics), ...Object.keys(history ?? {})]))].sort((a, b) => a.localeCompare(b)),
    [compared],
  );
  // The curve shown first: a metric logged over steps, a headline one if there is one.
  const stepped = metrics.filter((metric) => compared.some(({ history }) => (history?.[metric]?.length ?? 0) > 1));
  const preferred = defaultColumns({ params: [], metrics: stepped, tags: [] }).find((column) => column.kind === 'metrics')?.key;
  const metric = chosen !== null && metrics.includes(chosen) ? chosen : (preferred ?? metrics[0] ?? null);

  if (loading) return <p className="exp-muted">Reading the runs…</p>;
  return (
    <section className="cmp-panel" data-testid="compare-panel" aria-label="Compare runs">
      {failures.map((failure) => (
        <p key={failure} className="exp-error" role="alert">
          {failure}
        </p>
      ))}
      {compared.length < 2 ? (
        <p className="exp-muted">Pick two or more runs to compare.</p>
      ) : (
        <>
          <ul className="cmp-legend" aria-label="Runs compared">
            {compared.map(({ run, color }) => (
              <li key={run.id} data-run-id={run.id}>
                <span className="cmp-swatch" style={{ background: color }} aria-hidden="true" />
                <span className="cmp-legend-name">{run.name || run.id}</span>
                <StatusBadge status={run.status} />
              </li>
            ))}
          </ul>
          <section className="exp-section" aria-label="Metric curves">
            <div className="cmp-heading">
              <h3>Metric curves</h3>
              {metric !== null && (
                <label className="exp-field exp-field-inline">
                  <span>Metric</span>
                  <select value={metric} onChange={(event) => setChosen(event.target.value)} data-testid="compare-metric">
                    {metrics.map((key) => (
                      <option key={key} value={key}>
                        {key}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
            {metric === null ? <p className="exp-muted">These runs logged no metrics.</p> : <CompareChart runs={compared} metric={metric} />}
          </section>
          {metrics.length > 0 && (
            <section className="exp-section" aria-label="Metrics">
              <h3>Metrics</h3>
              <CompareMetricTable runs={compared} metrics={metrics} how={how} onHow={setHow} />
            </section>
          )}
          <section className="exp-section" aria-label="Params">
            <h3>Params</h3>
            <CompareParams runs={compared} />
          </section>
          <section className="exp-section" aria-label="Parallel coordinates">
            <h3>Parallel coordinates</h3>
            <ParallelPlot runs={compared} metrics={metrics} how={how} />
          </section>
        </>
      )}
    </section>
  );
}
