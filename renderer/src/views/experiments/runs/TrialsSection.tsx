import { useEffect, useState } from 'react';
import type { RunDetail, RunSummary } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { paramRows } from '../compare/param-diff';
import { formatNumber } from './format';
import { BEST_TRIAL_TAG, defaultColumns } from './run-columns';
import { StatusBadge } from './StatusBadge';
import { throttle } from './throttle';
import { readTrials, type Trials } from './use-trials';

/** Columns of params: the ones the trials differ in, as many as fit. */
const MOST_PARAM_COLUMNS = 6;

interface Props {
  parent: RunDetail;
  onUseParams?: (runId: string) => void;
  onOpenRun?: (runId: string) => void;
}

/** A search's trials, the params they tried and their headline metrics; the best one marked and one click from a new run. */
export function TrialsSection({ parent, onUseParams, onOpenRun }: Props) {
  const { client } = useBackend();
  const [trials, setTrials] = useState<Trials | null>(null);

  useEffect(() => {
    let live = true;
    const read = (): void => {
      readTrials(client, parent.id, []).then(
        (answer) => live && setTrials(answer),
        (error: unknown) => live && setTrials({ runs: [], more: 0, failure: error instanceof Error ? error.message : String(error) }),
      );
    };
    read();
    const reread = throttle(read, 1500);
    const stop = client.on('tracking.changed', (change) => change.experimentId === parent.experimentId && reread.call());
    return () => {
      live = false;
      reread.cancel();
      stop();
    };
  }, [client, parent.id, parent.experimentId]);

  if (!trials?.runs) return <p className="exp-muted">Reading the trials…</p>;
  if (trials.failure) return <p className="exp-error">{trials.failure}</p>;
  const runs = trials.runs;
  if (runs.length === 0) return <p className="exp-muted">No trials yet.</p>;
  const bestId = parent.tags[BEST_TRIAL_TAG];
  const params = paramRows(runs.map((run) => run.params), true).slice(0, MOST_PARAM_COLUMNS).map((row) => row.key);
  const metricKeys = [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))];
  const metrics = defaultColumns({ params: [], metrics: metricKeys, tags: [] }).filter((column) => column.kind === 'metrics').map((column) => column.key);

  return (
    <div className="exp-trials">
      {bestId !== undefined && onUseParams && (
        <div className="actions exp-trials-actions">
          <button type="button" className="exp-primary" onClick={() => onUseParams(bestId)} data-testid="trials-use-best">
            New run with the best trial&apos;s params
          </button>
        </div>
      )}
      <div className="exp-table-scroll">
        <table className="exp-table" aria-label="Trials" data-testid="run-trials">
          <thead>
            <tr>
              <th scope="col">Trial</th>
              <th scope="col">Status</th>
              {params.map((key) => (
                <th scope="col" key={`p:${key}`}>
                  {key}
                </th>
              ))}
              {metrics.map((key) => (
                <th scope="col" key={`m:${key}`} className="exp-num">
                  {key}
                </th>
              ))}
              {onUseParams && (
                <th scope="col">
                  <span className="exp-visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>{runs.map((run) => trialRow(run, run.id === bestId, params, metrics, onUseParams, onOpenRun))}</tbody>
        </table>
      </div>
      {trials.more > 0 && <p className="exp-muted">{trials.more.toLocaleString()} more trials are not listed; the runs table shows them all.</p>}
    </div>
  );
}

function trialRow(run: RunSummary, best: boolean, params: string[], metrics: string[], onUseParams?: (runId: string) => void, onOpenRun?: (runId: string) => void) {
  return (
    <tr key={run.id} className={best ? 'exp-runs-best' : undefined} data-run-id={run.id} data-best={best || undefined}>
      <th scope="row">
        {onOpenRun ? (
          <button type="button" className="link-button" onClick={() => onOpenRun(run.id)}>
            {run.name || run.id}
          </button>
        ) : (
          run.name || run.id
        )}
        {best && <span className="exp-best-badge">best</span>}
      </th>
      <td>
        <StatusBadge status={run.status} />
      </td>
      {params.map((key) => (
        <td key={`p:${key}`}>{run.params[key] ?? ''}</td>
      ))}
      {metrics.map((key) => {
        const value = run.metrics[key];
        return (
          <td key={`m:${key}`} className="exp-num">
            {value === undefined ? '' : formatNumber(value)}
          </td>
        );
      })}
      {onUseParams && (
        <td>
          <button type="button" onClick={() => onUseParams(run.id)} aria-label={`New run with the params of ${run.name || run.id}`}>
            Use params
          </button>
        </td>
      )}
    </tr>
  );
}
