import { useState } from 'react';
import type { FileDiff } from '../../../../shared/contract';
import { cellChangesText, tooLargeText } from './diff/diff-text';
import { MonacoDiff } from './diff/MonacoDiff';

interface Props {
  diff: FileDiff | null;
  loading?: boolean;
  /** Notebooks: ask for the diff again with (or without) outputs and execution counts. */
  onToggleOutputs?: (showOutputs: boolean) => void;
}

/**
 * One file's diff: Monaco's side-by-side diff editor for text, a notice for
 * binary and too-large files (nothing is drawn for them, so nothing freezes),
 * and for notebooks a summary of the changed cells with a switch for outputs.
 */
export function DiffEditor({ diff, loading = false, onToggleOutputs }: Props) {
  if (!diff) {
    return (
      <div className="scm-diff scm-diff-empty" data-testid="git-diff" aria-busy={loading}>
        <p className="scm-note">{loading ? 'Loading the diff…' : 'Select a file to see its changes.'}</p>
      </div>
    );
  }
  const side = diff.original === null && diff.modified !== null ? 'new file' : diff.modified === null && diff.original !== null ? 'deleted' : null;
  return (
    <div className="scm-diff" data-testid="git-diff" aria-busy={loading}>
      <div className="scm-diff-head">
        <code className="scm-diff-path">{diff.path}</code>
        {side && <span className="badge">{side}</span>}
        {loading && <span className="scm-note">Loading…</span>}
      </div>
      {diff.notebook && <NotebookSummary key={diff.path} notebook={diff.notebook} onToggleOutputs={onToggleOutputs} />}
      {diff.tooLarge ? (
        <p className="scm-diff-notice" role="status" data-testid="git-diff-too-large">
          <code>{diff.path}</code> is {tooLargeText(diff.tooLarge.bytes, diff.tooLarge.limit)}.
        </p>
      ) : diff.binary ? (
        <p className="scm-diff-notice" role="status" data-testid="git-diff-binary">
          <code>{diff.path}</code> is a binary file: there is no text to compare.
        </p>
      ) : (
        <MonacoDiff path={diff.path} original={diff.original ?? ''} modified={diff.modified ?? ''} language={diff.language} />
      )}
    </div>
  );
}

function NotebookSummary({ notebook, onToggleOutputs }: { notebook: NonNullable<FileDiff['notebook']>; onToggleOutputs?: (showOutputs: boolean) => void }) {
  // The switch moves at once; the diff it asked for follows when it is read.
  const [wanted, setWanted] = useState<boolean | null>(null);
  if (wanted !== null && wanted === notebook.outputs) setWanted(null);
  const toggle = (outputs: boolean): void => {
    setWanted(outputs);
    onToggleOutputs?.(outputs);
  };
  return (
    <div className="scm-notebook-summary" data-testid="git-notebook-summary">
      <span>
        Notebook compared cell by cell{notebook.outputs ? ', outputs included' : ', sources only'}: {cellChangesText(notebook.cells)}.
      </span>
      {onToggleOutputs && (
        <label className="scm-switch">
          <input type="checkbox" role="switch" checked={wanted ?? notebook.outputs} onChange={(event) => toggle(event.target.checked)} />
          Show outputs
        </label>
      )}
      {notebook.unreadable && <p className="scm-warning">Compared as plain text: {notebook.unreadable}</p>}
    </div>
  );
}
