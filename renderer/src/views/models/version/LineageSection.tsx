import type { ModelVersion } from '../../../../../shared/contract';
import { formatNumber, shortHash } from '../format';

/** Where a version came from: its run (with a way to the Experiments stage), the data it was trained on, the code's commit; and its metrics. */
export function LineageSection({ version, onOpenExperiments }: { version: ModelVersion; onOpenExperiments: () => void }) {
  const { lineage } = version;
  const metrics = Object.entries(lineage.metrics).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="mdl-columns">
      <section className="mdl-section" aria-label="Lineage" data-testid="version-lineage">
        <h3>Lineage</h3>
        <dl className="mdl-facts">
          <dt>Source</dt>
          <dd>
            <code>{version.source}</code>
          </dd>
          <dt>Run</dt>
          <dd data-testid="version-run">
            {lineage.runId === null ? (
              <span className="mdl-muted">none (imported)</span>
            ) : (
              <>
                <code>{lineage.runId}</code>{' '}
                <button type="button" className="link-button" onClick={onOpenExperiments} title="Switches to the Experiments stage, where the run is listed under Runs">
                  Go to Experiments
                </button>
              </>
            )}
          </dd>
          {lineage.experimentId !== null && (
            <>
              <dt>Experiment</dt>
              <dd>
                <code>{lineage.experimentId}</code>
              </dd>
            </>
          )}
          <dt>Git commit</dt>
          <dd data-testid="version-commit">
            {lineage.gitCommit === null ? (
              <span className="mdl-muted">unknown</span>
            ) : (
              <>
                <code title={lineage.gitCommit}>{lineage.gitCommit.slice(0, 12)}</code>
                {lineage.gitDirty && (
                  <span className="badge badge-warn" title="The workspace had uncommitted changes when the run started">
                    uncommitted changes
                  </span>
                )}
              </>
            )}
          </dd>
        </dl>
        {lineage.datasets.length === 0 ? (
          <p className="mdl-muted">No datasets recorded.</p>
        ) : (
          <table className="mdl-table" aria-label="Datasets" data-testid="version-datasets">
            <caption>Datasets</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Used for</th>
                <th scope="col">Fingerprint</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {lineage.datasets.map((dataset) => (
                <tr key={`${dataset.name}|${dataset.context}|${dataset.digest}`}>
                  <td>{dataset.name}</td>
                  <td>{dataset.context}</td>
                  <td>
                    <code title={dataset.digest}>{shortHash(dataset.digest)}</code>
                  </td>
                  <td className="mdl-wrap">{dataset.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="mdl-section" aria-label="Metrics">
        <h3>Metrics</h3>
        {metrics.length === 0 ? (
          <p className="mdl-muted">No metrics recorded.</p>
        ) : (
          <table className="mdl-table" aria-label="Metrics" data-testid="version-metrics">
            <tbody>
              {metrics.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">{key}</th>
                  <td className="mdl-num" title={String(value)}>
                    {formatNumber(value)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
