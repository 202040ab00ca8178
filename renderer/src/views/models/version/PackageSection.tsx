import type { ModelVersion, SignatureField } from '../../../../../shared/contract';
import { formatNumber, formatSize, formatTime, shortHash } from '../format';

function FieldsTable({ label, fields }: { label: string; fields: SignatureField[] }) {
  if (fields.length === 0) return <p className="mdl-muted">No {label.toLowerCase()} in the signature.</p>;
  return (
    <table className="mdl-table" aria-label={`Signature ${label.toLowerCase()}`} data-testid={`signature-${label.toLowerCase()}`}>
      <caption>{label}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Tensor</th>
          <th scope="col">Required</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field, index) => (
          <tr key={`${field.name}|${index}`}>
            <td>{field.name === '' ? <span className="mdl-muted">#{index + 1}</span> : <code>{field.name}</code>}</td>
            <td>{field.type}</td>
            <td>{field.dtype !== undefined || field.shape !== undefined ? `${field.dtype ?? ''} ${field.shape ? `[${field.shape.join(', ')}]` : ''}`.trim() : '—'}</td>
            <td>{field.optional ? 'optional' : 'yes'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The package: its signature (what a server checks requests against), its files by content hash, and the parity check from export. */
export function PackageSection({ version }: { version: ModelVersion }) {
  const { parity } = version;
  const total = version.files.reduce((sum, file) => sum + file.size, 0);
  return (
    <>
      <section className="mdl-section" aria-label="Signature">
        <h3>Signature</h3>
        <div className="mdl-columns">
          <FieldsTable label="Inputs" fields={version.signature.inputs} />
          <FieldsTable label="Outputs" fields={version.signature.outputs} />
        </div>
      </section>
      <div className="mdl-columns">
        <section className="mdl-section" aria-label="Parity check" data-testid="version-parity">
          <h3>Parity check</h3>
          {parity === null ? (
            <p className="mdl-muted">None recorded: only models exported from a trained run are checked against TensorFlow.js.</p>
          ) : (
            <dl className="mdl-facts">
              <dt>Result</dt>
              <dd className={parity.passed ? 'mdl-passed' : 'mdl-failed'}>{parity.passed ? 'passed' : 'failed'}</dd>
              <dt>Largest difference</dt>
              <dd>
                {formatNumber(parity.maxAbsDiff)} (tolerance {formatNumber(parity.tolerance)})
              </dd>
              <dt>Rows compared</dt>
              <dd>{parity.rows.toLocaleString()} (the test split, onnxruntime against TensorFlow.js)</dd>
            </dl>
          )}
        </section>
        <section className="mdl-section" aria-label="Pushes">
          <h3>Pushed to</h3>
          {version.pushes.length === 0 ? (
            <p className="mdl-muted">Not pushed to a shared registry.</p>
          ) : (
            <table className="mdl-table" aria-label="Pushes" data-testid="version-pushes">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Server</th>
                  <th scope="col">As</th>
                </tr>
              </thead>
              <tbody>
                {version.pushes.map((push) => (
                  <tr key={`${push.at}|${push.remote}`}>
                    <td>{formatTime(push.at)}</td>
                    <td className="mdl-wrap">{push.remote}</td>
                    <td>
                      {push.remoteName} version {push.remoteVersion}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <section className="mdl-section" aria-label="Files">
        <h3>
          Files <span className="mdl-muted">({formatSize(total)})</span>
        </h3>
        <table className="mdl-table" aria-label="Files" data-testid="version-files">
          <thead>
            <tr>
              <th scope="col">Path</th>
              <th scope="col" className="mdl-num">
                Size
              </th>
              <th scope="col">sha256</th>
            </tr>
          </thead>
          <tbody>
            {version.files.map((file) => (
              <tr key={file.path}>
                <td>
                  <code>{file.path}</code>
                </td>
                <td className="mdl-num">{formatSize(file.size)}</td>
                <td>
                  <code title={file.sha256}>{shortHash(file.sha256)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
