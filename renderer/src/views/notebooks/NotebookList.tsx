import { useState, type SyntheticEvent } from 'react';
import type { NotebookFiles } from './use-notebook-files';

interface Props {
  files: NotebookFiles;
  openPaths: readonly string[];
  activePath: string | null;
  onOpen: (path: string) => void;
  /** Creates the notebook; resolves true when it was created. */
  onCreate: (path: string) => Promise<boolean>;
}

/** A name as typed, as a notebook path in the workspace. */
export function notebookPathFor(name: string): string {
  const trimmed = name.trim().replace(/^\/+/, '');
  return trimmed.endsWith('.ipynb') ? trimmed : `${trimmed}.ipynb`;
}

/** The workspace's notebooks, and a new one by name. */
export function NotebookList({ files, openPaths, activePath, onOpen, onCreate }: Props) {
  const [name, setName] = useState('');
  const [creating, setCreating] = useState(false);

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    if (!name.trim()) return;
    setCreating(true);
    if (await onCreate(notebookPathFor(name))) setName('');
    setCreating(false);
  };

  return (
    <section className="nbv-panel" aria-label="Notebooks">
      <div className="nbv-panel-head">
        <h2>Notebooks</h2>
        <button type="button" className="link-button" onClick={files.reload} title="Read the list again">
          Refresh
        </button>
      </div>
      <form className="nbv-create" aria-label="New notebook" onSubmit={(event) => void submit(event)}>
        <input aria-label="New notebook name" placeholder="analysis.ipynb" value={name} onChange={(event) => setName(event.target.value)} />
        <button type="submit" disabled={creating || name.trim() === ''}>
          Create
        </button>
      </form>
      {files.failure ? (
        <div role="alert" className="nbv-inline-error">
          <p>The notebooks could not be listed: {files.failure}</p>
          <button type="button" onClick={files.reload}>
            Retry
          </button>
        </div>
      ) : files.list === null ? (
        <p className="nbv-soft">Reading the workspace…</p>
      ) : files.list.length === 0 ? (
        <p className="nbv-soft">No notebooks in this workspace yet: create one above.</p>
      ) : (
        <ul className="nbv-files" aria-label="Notebook files">
          {files.list.map((file) => (
            <li key={file.path}>
              <button type="button" className={file.path === activePath ? 'nbv-file nbv-file-active' : 'nbv-file'} onClick={() => onOpen(file.path)} title={file.path}>
                <span className="nbv-file-name">{file.path}</span>
                {openPaths.includes(file.path) && <span className="nbv-badge">open</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
