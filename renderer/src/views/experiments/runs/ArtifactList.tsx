import { useState } from 'react';
import type { ArtifactEntry } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { baseName, childrenOf, formatSize } from './artifact-tree';

/** A run's artifacts as a tree: folders open in place, read from the backend when the run's listing lacks them. */
export function ArtifactList({ runId, entries }: { runId: string; entries: ArtifactEntry[] }) {
  const top = childrenOf(entries, '') ?? [];
  if (top.length === 0) return <p className="exp-muted">No artifacts.</p>;
  return (
    <ul className="exp-artifacts exp-artifacts-root" aria-label="Artifacts" data-testid="run-artifacts">
      {top.map((entry) => (
        <ArtifactItem key={entry.path} runId={runId} entry={entry} known={entries} />
      ))}
    </ul>
  );
}

function ArtifactItem({ runId, entry, known }: { runId: string; entry: ArtifactEntry; known: readonly ArtifactEntry[] }) {
  const { client } = useBackend();
  const [open, setOpen] = useState(false);
  const [read, setRead] = useState<ArtifactEntry[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const listed = childrenOf(known, entry.path);
  const children = listed ?? (read ? childrenOf(read, entry.path) ?? [] : null);

  const toggle = (): void => {
    setOpen(!open);
    if (open || children !== null) return;
    client.call('tracking.artifacts', { runId, path: entry.path }).then(
      (list) => {
        setRead(list);
        setFailure(null);
      },
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
  };

  if (!entry.isDir) {
    return (
      <li className="exp-artifact" data-path={entry.path}>
        <span title={entry.path}>{baseName(entry.path)}</span>
        <span className="exp-muted">{formatSize(entry.size)}</span>
      </li>
    );
  }
  return (
    <li className="exp-artifact-dir" data-path={entry.path}>
      <button type="button" className="exp-artifact-toggle" aria-expanded={open} onClick={toggle}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {baseName(entry.path)}/
      </button>
      {open && failure && <p className="exp-error">{failure}</p>}
      {open && !failure && children === null && <p className="exp-muted">Reading…</p>}
      {open && children && children.length === 0 && <p className="exp-muted">Empty folder.</p>}
      {open && children && children.length > 0 && (
        <ul className="exp-artifacts">
          {children.map((child) => (
            <ArtifactItem key={child.path} runId={runId} entry={child} known={read ?? known} />
          ))}
        </ul>
      )}
    </li>
  );
}
