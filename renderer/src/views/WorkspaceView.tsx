import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import type { RecentWorkspace, WorkspaceUsage } from '../../../shared/contract';
import { useBackend } from '../app/backend';
import { useNotices } from '../app/notices';
import { useWorkspaceActions } from '../app/workspace-actions';
import { formatBytes } from '../shell/format';

export function WorkspaceView() {
  const { client, workspace, info } = useBackend();
  const { reportError } = useNotices();
  const actions = useWorkspaceActions();
  const [recent, setRecent] = useState<RecentWorkspace[]>([]);
  const [measured, setMeasured] = useState<WorkspaceUsage | null>(null);
  // A measurement of another workspace is not shown.
  const usage = measured?.path === workspace?.path ? measured : null;

  const loadRecent = useCallback(() => client.call('workspace.recent', {}).then(setRecent, reportError), [client, reportError]);
  useEffect(() => {
    void loadRecent();
  }, [loadRecent, workspace?.path]);

  return (
    <section className="view" aria-labelledby="view-workspace" data-testid="view-workspace">
      <h1 id="view-workspace">Workspace</h1>
      {workspace ? (
        <dl className="facts" data-testid="workspace-facts">
          <dt>Name</dt>
          <dd>{workspace.name}{workspace.isSample && <span className="badge">sample</span>}</dd>
          <dt>Folder</dt>
          <dd><code>{workspace.path}</code></dd>
          <dt>Created</dt>
          <dd>{new Date(workspace.createdAt).toLocaleString()}</dd>
          <dt>Store</dt>
          <dd>version {workspace.storeVersion}, in <code>.workbench/</code></dd>
        </dl>
      ) : (
        <p className="lead">No workspace is open. Open a folder or create a new one.</p>
      )}

      <div className="row">
        <PathForm label="Open a folder" action="Open" onSubmit={actions.open} browse={info?.nativeDialogs ? actions.browse : undefined} />
        <PathForm label="Create a workspace" action="Create" onSubmit={actions.create} browse={info?.nativeDialogs ? actions.browse : undefined} />
      </div>

      {workspace && (
        <div className="panel">
          <h2>Disk usage</h2>
          <button type="button" onClick={() => void actions.measureUsage().then((result) => result && setMeasured(result))}>
            Measure disk usage
          </button>
          {usage && (
            <table className="table" data-testid="usage-table">
              <caption>{formatBytes(usage.totalBytes)} in {usage.files.toLocaleString()} files</caption>
              <thead><tr><th>Item</th><th>Size</th><th>Files</th></tr></thead>
              <tbody>
                {usage.entries.map((entry) => (
                  <tr key={entry.name}><td>{entry.name}</td><td>{formatBytes(entry.bytes)}</td><td>{entry.files.toLocaleString()}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}

      <div className="panel">
        <h2>Recent workspaces</h2>
        {recent.length === 0 ? <p>None yet.</p> : (
          <ul className="recent" data-testid="recent-list">
            {recent.map((entry) => (
              <li key={entry.path}>
                <button type="button" className="link-button" disabled={!entry.exists} onClick={() => void actions.open(entry.path)}>
                  {entry.name}
                </button>
                <code>{entry.path}</code>
                {!entry.exists && <span className="badge badge-warn">missing</span>}
                <button type="button" className="link-button" onClick={() => void client.call('workspace.forget', { path: entry.path }).then(setRecent, reportError)}>
                  Forget
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

interface PathFormProps {
  label: string;
  action: string;
  onSubmit: (path: string) => Promise<unknown>;
  browse?: (title: string) => Promise<string | null>;
}

function PathForm({ label, action, onSubmit, browse }: PathFormProps) {
  const [path, setPath] = useState('');
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (path.trim()) void onSubmit(path.trim());
  };
  return (
    <form className="panel path-form" onSubmit={submit} aria-label={label}>
      <h2>{label}</h2>
      <label>
        Folder path
        <input value={path} onChange={(event) => setPath(event.target.value)} placeholder="/home/you/projects/churn" spellCheck={false} />
      </label>
      <div className="actions">
        {browse && (
          <button type="button" onClick={() => void browse(label).then((picked) => picked && setPath(picked))}>
            Browse…
          </button>
        )}
        <button type="submit" disabled={!path.trim()}>{action}</button>
      </div>
    </form>
  );
}
