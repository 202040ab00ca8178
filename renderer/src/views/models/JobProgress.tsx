import type { JobRunner } from './use-job';

/** A running job's label, progress bar, message and Cancel button. */
export function JobProgress({ job, testId }: { job: JobRunner; testId: string }) {
  const { running } = job;
  if (running === null) return null;
  return (
    <div className="mdl-progress" role="status" data-testid={testId}>
      <span>{running.label}…</span>
      <progress max={1} value={running.fraction ?? undefined} aria-label={`${running.label} progress`} />
      <span className="mdl-muted">
        {running.message}
        {running.fraction !== null && ` · ${Math.round(running.fraction * 100)}%`}
      </span>
      <button type="button" onClick={job.cancel}>
        Cancel
      </button>
    </div>
  );
}
