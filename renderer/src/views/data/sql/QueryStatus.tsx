import { useEffect, useState } from 'react';
import { formatDuration } from './result-actions';
import type { ErrorRange } from './sql-text';

export type RunState =
  | { state: 'running'; startedAt: number; fraction: number | null }
  | { state: 'failed'; code: string; message: string; range: ErrorRange | null }
  | { state: 'cancelled'; seconds: number }
  | { state: 'done' };

/** What the latest run of a tab came to, shown under the editor: progress, the DuckDB error, or a cancellation. */
export function QueryStatus({ run }: { run: RunState | undefined }) {
  if (!run || run.state === 'done') return null;
  if (run.state === 'running') return <Running startedAt={run.startedAt} fraction={run.fraction} />;
  if (run.state === 'cancelled') {
    return (
      <p className="sql-cancelled" role="status">
        The query was cancelled after {formatDuration(run.seconds)}.
      </p>
    );
  }
  return (
    <div className="sql-error" role="alert" data-testid="sql-error">
      <p className="sql-error-title">
        <span className="notice-code">{run.code}</span>
        {run.range && <span className="sql-note"> · line {run.range.line}, column {run.range.startColumn} (marked in the editor)</span>}
      </p>
      {/* DuckDB aligns a caret under the error in its message: a monospace block keeps it aligned. */}
      <pre className="sql-error-message">{run.message}</pre>
    </div>
  );
}

function Running({ startedAt, fraction }: { startedAt: number; fraction: number | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, []);
  return (
    <p className="sql-running" role="status">
      <progress max={1} value={fraction ?? undefined} aria-label="Query progress" />
      Running… {formatDuration(Math.max(0, (now - startedAt) / 1000))}
      {fraction !== null && ` · ${Math.round(fraction * 100)}%`}
    </p>
  );
}
