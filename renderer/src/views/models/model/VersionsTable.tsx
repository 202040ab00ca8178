import type { ModelVersion } from '../../../../../shared/contract';
import { AliasChips, VersionStatus } from '../AliasChips';
import { metricColumns } from '../columns';
import { formatNumber, formatTime } from '../format';

interface Props {
  versions: ModelVersion[];
  selected: readonly number[];
  busy: boolean;
  onSelect: (version: number, selected: boolean) => void;
  onOpen: (version: number) => void;
  onAlias: (version: number) => void;
  onRemoveAlias: (alias: string) => void;
  onArchive: (version: number, archived: boolean) => void;
  onDelete: (version: number) => void;
}

function sourceText(version: ModelVersion): string {
  if (version.lineage.runId !== null) return `run ${version.lineage.runId.slice(0, 8)}`;
  return version.source;
}

/** A model's versions, newest first: status, aliases, source, test metrics, parity, and what can be done to each. */
export function VersionsTable({ versions, selected, busy, onSelect, onOpen, onAlias, onRemoveAlias, onArchive, onDelete }: Props) {
  const metricKeys = metricColumns(versions);
  return (
    <div className="mdl-table-scroll">
      <table className="mdl-table" aria-label="Versions" data-testid="versions-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="mdl-visually-hidden">Compare</span>
            </th>
            <th scope="col">Version</th>
            <th scope="col">Created</th>
            <th scope="col">Status</th>
            <th scope="col">Aliases</th>
            <th scope="col">Source</th>
            {metricKeys.map((key) => (
              <th key={key} scope="col" className="mdl-num">
                {key}
              </th>
            ))}
            <th scope="col">Parity</th>
            <th scope="col">
              <span className="mdl-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} className={v.archived ? 'mdl-archived' : undefined} data-testid="version-row" data-version={v.version} data-archived={v.archived}>
              <td>
                <input type="checkbox" className="mdl-check" checked={selected.includes(v.version)} onChange={(event) => onSelect(v.version, event.target.checked)} aria-label={`Select version ${v.version} to compare`} />
              </td>
              <td>
                <button type="button" className="link-button" onClick={() => onOpen(v.version)} aria-label={`Open version ${v.version}`} data-testid="version-open">
                  {v.version}
                </button>
                {v.archived && <span className="mdl-badge">archived</span>}
              </td>
              <td>{formatTime(v.createdAt)}</td>
              <td>
                <VersionStatus status={v.status} />
                {v.stage !== 'None' && v.stage !== '' && <span className="mdl-badge" title="MLflow's deprecated stage, kept from the import">{v.stage}</span>}
              </td>
              <td>
                <AliasChips aliases={v.aliases} onRemove={onRemoveAlias} busy={busy} />
              </td>
              <td className="mdl-wrap" title={v.source}>
                {sourceText(v)}
              </td>
              {metricKeys.map((key) => {
                const value = v.lineage.metrics[key];
                return (
                  <td key={key} className="mdl-num">
                    {value === undefined ? '—' : formatNumber(value)}
                  </td>
                );
              })}
              <td>{v.parity === null ? <span className="mdl-muted">—</span> : v.parity.passed ? <span className="mdl-passed">passed</span> : <span className="mdl-failed">failed</span>}</td>
              <td className="mdl-actions-cell">
                <button type="button" className="mdl-small" disabled={busy} onClick={() => onAlias(v.version)} aria-label={`Set an alias on version ${v.version}`}>
                  Set alias
                </button>
                <button type="button" className="mdl-small" disabled={busy} onClick={() => onArchive(v.version, !v.archived)} aria-label={`${v.archived ? 'Unarchive' : 'Archive'} version ${v.version}`}>
                  {v.archived ? 'Unarchive' : 'Archive'}
                </button>
                <button type="button" className="mdl-small mdl-danger" disabled={busy} onClick={() => onDelete(v.version)} aria-label={`Delete version ${v.version}`}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
