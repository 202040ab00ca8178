import { useId, useState } from 'react';
import { AliasChips } from '../AliasChips';
import { formatTime } from '../format';
import { useModels, useSettled } from '../use-registry';

interface Props {
  onOpen: (name: string) => void;
  onRegister: () => void;
}

/** The registry's models, searched by name, description or tags; kept current as the registry changes. */
export function ModelList({ onOpen, onRegister }: Props) {
  const id = useId();
  const [query, setQuery] = useState('');
  const settled = useSettled(query.trim(), 200);
  const models = useModels(settled);
  const list = models.value;

  return (
    <section className="mdl-view" aria-label="Registered models" data-testid="models-list">
      <div className="mdl-toolbar">
        <label htmlFor={`${id}-search`} className="mdl-visually-hidden">
          Search models
        </label>
        <input id={`${id}-search`} type="search" placeholder="Search by name, description or tag" value={query} maxLength={200} onChange={(event) => setQuery(event.target.value)} data-testid="models-search" />
        <span className="mdl-gap" />
        <button type="button" onClick={onRegister}>
          Register a model…
        </button>
      </div>
      {models.failure && (
        <p className="mdl-error" role="alert">
          Could not read the registry: {models.failure}{' '}
          <button type="button" className="link-button" onClick={models.reload}>
            Try again
          </button>
        </p>
      )}
      {list === null ? (
        !models.failure && <p className="mdl-muted">Reading the registry…</p>
      ) : list.length === 0 ? (
        <div className="empty-state">
          {settled ? (
            <p>No model matches “{settled}”.</p>
          ) : (
            <>
              <p>No registered models yet.</p>
              <p className="mdl-muted">Register a trained run’s model, or import an ONNX file or an MLflow model folder.</p>
            </>
          )}
        </div>
      ) : (
        <div className="mdl-table-scroll">
          <table className="mdl-table" aria-label="Models" data-testid="models-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Latest version</th>
                <th scope="col">Versions</th>
                <th scope="col">Aliases</th>
                <th scope="col">Updated</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {list.map((model) => (
                <tr key={model.name} data-testid="model-row" data-name={model.name}>
                  <td>
                    <button type="button" className="link-button" onClick={() => onOpen(model.name)} aria-label={`Open the model ${model.name}`}>
                      {model.name}
                    </button>
                  </td>
                  <td className="mdl-num">{model.latestVersion ?? '—'}</td>
                  <td className="mdl-num">{model.versionCount}</td>
                  <td>
                    <AliasChips aliases={Object.keys(model.aliases).sort()} versions={model.aliases} />
                  </td>
                  <td>{formatTime(model.updatedAt)}</td>
                  <td className="mdl-wrap mdl-muted">{model.description.split('\n')[0]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
