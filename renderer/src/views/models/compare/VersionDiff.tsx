import type { ModelVersion } from '../../../../../shared/contract';
import { compareFiles, compareLineage, compareMetrics, compareSignatures } from '../compare';
import { formatDelta, formatNumber } from '../format';

const cell = (value: number | null): string => (value === null ? '—' : formatNumber(value));

/** Metrics with their differences, signature changes, lineage and files of versions A and B. */
export function VersionDiff({ a, b }: { a: ModelVersion; b: ModelVersion }) {
  const metrics = compareMetrics(a.lineage.metrics, b.lineage.metrics);
  const signature = compareSignatures(a.signature, b.signature);
  const lineage = compareLineage(a, b);
  const files = compareFiles(a.files, b.files);
  const va = `Version ${a.version}`;
  const vb = `Version ${b.version}`;

  return (
    <div className="mdl-view" data-testid="version-diff">
      <section className="mdl-section" aria-label="Metrics compared">
        <h3>Metrics</h3>
        {metrics.length === 0 ? (
          <p className="mdl-muted">Neither version has metrics.</p>
        ) : (
          <table className="mdl-table" aria-label="Metrics compared" data-testid="compare-metrics">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col" className="mdl-num">{va}</th>
                <th scope="col" className="mdl-num">{vb}</th>
                <th scope="col" className="mdl-num">B − A</th>
              </tr>
            </thead>
            <tbody>
              {metrics.map((row) => (
                <tr key={row.key} data-metric={row.key}>
                  <th scope="row">{row.key}</th>
                  <td className="mdl-num">{cell(row.a)}</td>
                  <td className="mdl-num">{cell(row.b)}</td>
                  <td className="mdl-num" data-testid="compare-delta">
                    {row.delta === null ? '—' : formatDelta(row.delta)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="mdl-section" aria-label="Signature compared">
        <h3>Signature</h3>
        {signature.length === 0 ? (
          <p className="mdl-muted" data-testid="compare-signature-same">
            The same inputs and outputs.
          </p>
        ) : (
          <table className="mdl-table" aria-label="Signature differences" data-testid="compare-signature">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Change</th>
                <th scope="col">{va}</th>
                <th scope="col">{vb}</th>
              </tr>
            </thead>
            <tbody>
              {signature.map((change) => (
                <tr key={`${change.side}|${change.name}`}>
                  <th scope="row">
                    {change.side === 'inputs' ? 'input' : 'output'} <code>{change.name}</code>
                  </th>
                  <td>{change.change}</td>
                  <td>{change.a ?? '—'}</td>
                  <td>{change.b ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="mdl-section" aria-label="Lineage compared">
        <h3>Lineage</h3>
        <table className="mdl-table" aria-label="Lineage compared" data-testid="compare-lineage">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{va}</th>
              <th scope="col">{vb}</th>
            </tr>
          </thead>
          <tbody>
            {lineage.map((row) => (
              <tr key={row.label} className={row.same ? undefined : 'mdl-differs'} data-same={row.same}>
                <th scope="row">
                  {row.label}
                  {!row.same && <span className="mdl-visually-hidden"> (differs)</span>}
                </th>
                <td className="mdl-wrap">{row.a}</td>
                <td className="mdl-wrap">{row.b}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="mdl-section" aria-label="Files compared">
        <h3>Files</h3>
        <ul className="mdl-files" data-testid="compare-files">
          {files.map((file) => (
            <li key={file.path}>
              <code>{file.path}</code> <span className={file.change === 'same' ? 'mdl-muted' : undefined}>{file.change === 'same' ? 'same bytes' : file.change}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
