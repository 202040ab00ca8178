import type { FileEntry, GroupId } from './file-groups';

/** Rows drawn per list: thousands of changed files would make every action slow; the rest are counted. */
const SHOWN = 500;

interface Props {
  id: GroupId;
  title: string;
  files: FileEntry[];
  selectedPath: string | null;
  busy: boolean;
  onSelect: (path: string) => void;
  onStage?: (paths: string[]) => void;
  onUnstage?: (paths: string[]) => void;
  onDiscard?: (paths: string[]) => void;
  /** A note under the list (untracked files past the listed ones). */
  footnote?: string;
}

/** One list of the Changes panel: its files with their change letters, per-file and whole-list actions. */
export function FileGroup({ id, title, files, selectedPath, busy, onSelect, onStage, onUnstage, onDiscard, footnote }: Props) {
  const headingId = `git-group-${id}-title`;
  const all = files.map((entry) => entry.path);
  return (
    <section className="scm-group" aria-labelledby={headingId} data-testid={`git-group-${id}`}>
      <div className="scm-group-head">
        <h3 id={headingId}>
          {title} <span className="scm-count">{files.length}</span>
        </h3>
        {files.length > 0 && (
          <div className="scm-group-actions">
            {onStage && (
              <button type="button" className="scm-small" disabled={busy} onClick={() => onStage(all)} aria-label={`Stage all ${title.toLowerCase()}`}>
                Stage all
              </button>
            )}
            {onUnstage && (
              <button type="button" className="scm-small" disabled={busy} onClick={() => onUnstage(all)} aria-label={`Unstage all ${title.toLowerCase()}`}>
                Unstage all
              </button>
            )}
            {onDiscard && (
              <button type="button" className="scm-small scm-danger" disabled={busy} onClick={() => onDiscard(all)} aria-label={`Discard all ${title.toLowerCase()}`}>
                Discard all
              </button>
            )}
          </div>
        )}
      </div>
      {files.length === 0 ? (
        <p className="scm-note scm-empty">None.</p>
      ) : (
        <ul className="scm-files">
          {files.slice(0, SHOWN).map((entry) => (
            <li key={entry.path} className="scm-file" data-testid="git-file" data-path={entry.path} aria-current={entry.path === selectedPath ? 'true' : undefined}>
              <span className={`scm-letter scm-letter-${entry.letter}`} title={entry.change} aria-hidden="true">
                {entry.letter}
              </span>
              <button type="button" className="scm-file-name" onClick={() => onSelect(entry.path)} title={entry.path} aria-label={`${entry.path}, ${entry.change}: show the diff`}>
                <span className="scm-file-base">{baseName(entry.path)}</span>
                <span className="scm-file-dir">{dirName(entry.path)}</span>
              </button>
              <span className="scm-file-actions">
                {onStage && (
                  <button type="button" className="scm-small" disabled={busy} onClick={() => onStage([entry.path])} aria-label={`Stage ${entry.path}`}>
                    Stage
                  </button>
                )}
                {onUnstage && (
                  <button type="button" className="scm-small" disabled={busy} onClick={() => onUnstage([entry.path])} aria-label={`Unstage ${entry.path}`}>
                    Unstage
                  </button>
                )}
                {onDiscard && (
                  <button type="button" className="scm-small scm-danger" disabled={busy} onClick={() => onDiscard([entry.path])} aria-label={`Discard ${entry.path}`}>
                    Discard
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {files.length > SHOWN && <p className="scm-note">{(files.length - SHOWN).toLocaleString()} more not listed here; the list actions include them.</p>}
      {footnote && <p className="scm-note">{footnote}</p>}
    </section>
  );
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function dirName(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? '' : path.slice(0, cut);
}
