import type { RunStatus } from '../../../../../shared/contract';

/** A run's status in its colour; a running run spins. */
export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`exp-status exp-status-${status.toLowerCase()}`} data-status={status}>
      {status === 'RUNNING' && <span className="exp-spinner" aria-hidden="true" />}
      {status.charAt(0) + status.slice(1).toLowerCase()}
    </span>
  );
}
