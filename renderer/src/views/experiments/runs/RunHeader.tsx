import { useEffect, useState } from 'react';
import type { RunDetail } from '../../../../../shared/contract';
import { formatDuration, formatTime, runDuration, shortId } from './format';
import { BACKEND_TAG, DEVICE_TAG } from './run-columns';
import { StatusBadge } from './StatusBadge';

export const GIT_COMMIT_TAG = 'mlflow.source.git.commit';
export const GIT_DIRTY_TAG = 'workbench.git.dirty';

/** Re-renders each second while `ticking`: a running run's duration grows. */
function useTick(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

/** Who, where and from what: status, times, experiment, the backend and device it trained on, the code's commit and the data it read. */
export function RunHeader({ run, experimentName }: { run: RunDetail; experimentName: string | null }) {
  const now = useTick(run.status === 'RUNNING');
  const commit = run.tags[GIT_COMMIT_TAG];
  const dirty = run.tags[GIT_DIRTY_TAG] === 'true';
  const backend = run.tags[BACKEND_TAG];
  const device = run.tags[DEVICE_TAG];
  return (
    <header className="exp-run-header" data-testid="run-header">
      <h2 className="exp-run-title">
        <span data-testid="run-name">{run.name || run.id}</span>
        <StatusBadge status={run.status} />
      </h2>
      <dl className="exp-facts">
        <dt>Run id</dt>
        <dd>
          <code>{run.id}</code>
        </dd>
        <dt>Experiment</dt>
        <dd>{experimentName ?? run.experimentId}</dd>
        <dt>Started</dt>
        <dd>{formatTime(run.startTime)}</dd>
        <dt>Duration</dt>
        <dd data-testid="run-duration">
          {formatDuration(runDuration(run, now))}
          {run.status === 'RUNNING' && ' so far'}
        </dd>
        {(backend !== undefined || device !== undefined) && (
          <>
            <dt>Backend</dt>
            <dd data-testid="run-backend">
              {backend ?? 'unknown'}
              {device !== undefined && <span className="exp-muted"> on {device}</span>}
            </dd>
          </>
        )}
        {commit !== undefined && (
          <>
            <dt>Git commit</dt>
            <dd data-testid="run-commit">
              <code title={commit}>{shortId(commit)}</code>
              {dirty && (
                <span className="badge badge-warn" title="The workspace had uncommitted changes when this run started">
                  uncommitted changes
                </span>
              )}
            </dd>
          </>
        )}
        {run.parentRunId !== null && (
          <>
            <dt>Trial of</dt>
            <dd>
              <code>{run.parentRunId}</code>
            </dd>
          </>
        )}
      </dl>
      {run.inputs.length > 0 && (
        <table className="exp-table" aria-label="Datasets" data-testid="run-datasets">
          <caption>Datasets</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Used for</th>
              <th scope="col">Fingerprint</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {run.inputs.map((input) => (
              <tr key={`${input.name}|${input.context}|${input.digest}`}>
                <td>{input.name}</td>
                <td>{input.context}</td>
                <td>
                  <code title={input.digest}>{input.digest.slice(0, 12)}</code>
                </td>
                <td className="exp-wrap">{input.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </header>
  );
}
