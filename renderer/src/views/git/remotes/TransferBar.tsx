import { useId, useState } from 'react';
import type { GitRemote } from '../../../../../shared/contract';
import { MergeOutcomeView } from '../branches/MergeOutcomeView';
import type { Transfer, TransferDone } from './use-transfer';

interface Props {
  remotes: GitRemote[];
  transfer: Transfer;
  /** The current branch (pushed and pulled); null on a detached HEAD. */
  branch: string | null;
  upstream: string | null;
}

const verbs = { fetch: 'Fetching', pull: 'Pulling', push: 'Pushing' } as const;

/** Fetch, Pull and Push for one remote, with the job's progress, a Cancel button and what came of it. */
export function TransferBar({ remotes, transfer, branch, upstream }: Props) {
  const id = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const remote = chosen !== null && remotes.some((r) => r.name === chosen) ? chosen : (remotes.find((r) => r.name === 'origin') ?? remotes[0])?.name;
  const { running, done } = transfer;
  const idle = running === null && remote !== undefined;

  return (
    <section className="git-ref-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sync</h2>
      <div className="git-inline-form">
        <label htmlFor={`${id}-remote`}>Remote</label>
        <select id={`${id}-remote`} value={remote ?? ''} onChange={(event) => setChosen(event.target.value)} disabled={remotes.length === 0}>
          {remotes.map((r) => (
            <option key={r.name} value={r.name}>
              {r.name}
            </option>
          ))}
        </select>
        <button type="button" disabled={!idle} onClick={() => remote && transfer.start('fetch', remote)}>
          Fetch
        </button>
        <button type="button" disabled={!idle || branch === null} onClick={() => remote && transfer.start('pull', remote)} title={branch === null ? 'Switch to a branch first: HEAD is detached' : `Fetch, then merge ${upstream ?? `${remote ?? 'the remote'}/${branch}`} into ${branch}`}>
          Pull
        </button>
        <button type="button" disabled={!idle || branch === null} onClick={() => remote && transfer.start('push', remote)} title={branch === null ? 'Switch to a branch first: HEAD is detached' : `Push ${branch} to ${remote ?? 'the remote'}`}>
          Push{branch ? ` ${branch}` : ''}
        </button>
      </div>
      {remotes.length === 0 && <p className="git-muted">Add a remote below to fetch from it and push to it.</p>}
      {running && (
        <div className="git-transfer-progress" role="status" data-testid="git-transfer-progress">
          <span>
            {verbs[running.kind]} {running.remote}…
          </span>
          <progress max={1} value={running.fraction ?? undefined} aria-label={`${verbs[running.kind]} progress`} />
          <span className="git-muted">
            {running.message}
            {running.fraction !== null && ` · ${Math.round(running.fraction * 100)}%`}
          </span>
          <button type="button" onClick={transfer.cancel}>
            Cancel
          </button>
        </div>
      )}
      {done && <TransferOutcome done={done} branch={branch} upstream={upstream} onDismiss={transfer.dismiss} />}
    </section>
  );
}

function TransferOutcome({ done, branch, upstream, onDismiss }: { done: TransferDone; branch: string | null; upstream: string | null; onDismiss: () => void }) {
  const { kind, result } = done;
  const what = kind === 'fetch' ? `Fetched ${result.remote}` : kind === 'pull' ? `Pulled from ${result.remote}` : `Pushed to ${result.remote}`;
  return (
    <div className="git-transfer-outcome" data-testid="git-transfer-outcome">
      <div className="git-outcome" role="status">
        <div>
          <p>
            {what}: {result.updated.length === 0 ? (kind === 'push' ? 'the remote already had everything.' : 'nothing new.') : `${result.updated.length} ${result.updated.length === 1 ? 'ref' : 'refs'} updated.`}
          </p>
          {result.updated.length > 0 && (
            <ul className="git-outcome-files">
              {result.updated.map((line) => (
                <li key={line}>
                  <code>{line}</code>
                </li>
              ))}
            </ul>
          )}
        </div>
        <button type="button" className="link-button" onClick={onDismiss} aria-label="Dismiss the result">
          Dismiss
        </button>
      </div>
      {result.merge && <MergeOutcomeView outcome={{ theirs: upstream ?? `${result.remote}/${branch ?? 'HEAD'}`, into: branch ?? 'HEAD', result: result.merge }} onDismiss={onDismiss} />}
    </div>
  );
}
