import { useMemo } from 'react';
import type { RunDetail } from '../../../../../shared/contract';
import { formatNumber } from '../runs/format';
import type { MetricHistory } from '../runs/metric-series';
import { Plot } from '../runs/Plot';
import { aggregate, bestPositions, betterDirection, loggedSteps, type Aggregate } from './aggregate';

export interface CompareRun {
  run: RunDetail;
  color: string;
  history: MetricHistory | undefined;
}

/** One curve per run of the chosen metric, step on x. */
export function CompareChart({ runs, metric }: { runs: CompareRun[]; metric: string }) {
  const data = useMemo(
    () =>
      runs.map(({ run, color, history }) => {
        const points = history?.[metric] ?? [];
        return { type: 'scatter', mode: points.length > 50 ? 'lines' : 'lines+markers', x: points.map((p) => p.step), y: points.map((p) => p.value), name: run.name || run.id, line: { color }, marker: { color } };
      }),
    [runs, metric],
  );
  const layout = useMemo(() => ({ xaxis: { title: { text: 'step' } }, yaxis: { title: { text: metric } } }), [metric]);
  return <Plot data={data} layout={layout} height={340} label={`${metric} by step, one line per run`} testId="compare-metric-chart" />;
}

const modes: { mode: Aggregate['mode']; label: string }[] = [
  { mode: 'last', label: 'Last' },
  { mode: 'min', label: 'Min' },
  { mode: 'max', label: 'Max' },
  { mode: 'step', label: 'At step' },
];

interface TableProps {
  runs: CompareRun[];
  metrics: string[];
  how: Aggregate;
  onHow: (how: Aggregate) => void;
}

/** Each metric's figure per run (last, least, greatest, or at a step), the best of each row marked. */
export function CompareMetricTable({ runs, metrics, how, onHow }: TableProps) {
  const steps = useMemo(() => loggedSteps(runs.flatMap(({ history }) => metrics.map((metric) => history?.[metric]))), [runs, metrics]);
  const step = how.mode === 'step' ? how.step : (steps.at(-1) ?? 0);
  return (
    <div className="cmp-metrics">
      <div className="cmp-controls">
        <div className="exp-segmented" role="group" aria-label="Value per run">
          {modes.map(({ mode, label }) => (
            <button key={mode} type="button" aria-pressed={how.mode === mode} onClick={() => onHow(mode === 'step' ? { mode, step } : { mode })} data-testid={`compare-mode-${mode}`}>
              {label}
            </button>
          ))}
        </div>
        {how.mode === 'step' && (
          <label className="exp-field exp-field-inline">
            <span>Step</span>
            <input type="number" value={how.step} min={steps[0] ?? 0} max={steps.at(-1) ?? 0} onChange={(event) => onHow({ mode: 'step', step: Math.trunc(Number(event.target.value)) || 0 })} data-testid="compare-step" />
          </label>
        )}
      </div>
      <div className="exp-table-scroll">
        <table className="exp-table cmp-table" aria-label="Metrics per run" data-testid="compare-metrics">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              {runs.map(({ run, color }) => (
                <th scope="col" key={run.id} className="exp-num">
                  <span className="cmp-swatch" style={{ background: color }} aria-hidden="true" />
                  {run.name || run.id}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {metrics.map((metric) => {
              const values = runs.map(({ run, history }) => (history?.[metric] ? aggregate(history[metric], how) : how.mode === 'last' ? (run.metrics[metric] ?? null) : null));
              const best = bestPositions(values, betterDirection(metric));
              return (
                <tr key={metric}>
                  <th scope="row">{metric}</th>
                  {values.map((value, index) => (
                    <td key={runs[index]?.run.id ?? index} className={`exp-num${best.has(index) ? ' cmp-best' : ''}`} title={value === null ? undefined : String(value)}>
                      {value === null ? '—' : formatNumber(value)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
