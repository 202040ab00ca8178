import { useId } from 'react';
import { defaultUri, parseModelUri, refOptions, type RefOption } from './model-uri';
import { useModelVersions, useRegisteredModels } from './use-registry';

interface Props {
  /** The chosen `models:/…` URI, or '' for none. */
  uri: string;
  onChange: (uri: string) => void;
  /** Prefix of the test ids: `${testId}-model`, `${testId}-ref`, `${testId}-uri`. */
  testId: string;
  disabled?: boolean;
}

/**
 * Chooses a registered model, then one of its aliases (the usual choice: a
 * server serving an alias swaps to the version the alias moves to) or a
 * fixed version, and shows the URI it makes.
 */
export function ModelUriPicker({ uri, onChange, testId, disabled = false }: Props) {
  const id = useId();
  const models = useRegisteredModels();
  const parsed = parseModelUri(uri);
  const name = parsed?.name ?? '';
  const model = models.value?.find((m) => m.name === name) ?? null;
  const versions = useModelVersions(model ? model.name : null);

  let options: RefOption[] = [];
  if (model) {
    // Until the versions arrive, the aliases and the latest version are known from the model itself.
    const known = versions ?? [];
    options = refOptions(model, known);
    if (versions === null && model.latestVersion !== null)
      options.push({ uri: `models:/${model.name}/${model.latestVersion}`, label: `Version ${model.latestVersion}`, disabled: false });
  }
  if (uri !== '' && !options.some((o) => o.uri === uri)) options.unshift({ uri, label: uri, disabled: false });

  const chooseModel = (next: string): void => {
    const chosen = models.value?.find((m) => m.name === next);
    onChange(chosen ? (defaultUri(chosen) ?? '') : '');
  };

  const empty = models.value !== null && models.value.length === 0;
  return (
    <div className="sv-picker">
      <div className="sv-field">
        <label htmlFor={`${id}-model`}>Registered model</label>
        <select id={`${id}-model`} value={name} disabled={disabled || empty} onChange={(event) => chooseModel(event.target.value)} data-testid={`${testId}-model`}>
          <option value="">{models.value === null ? 'Loading…' : empty ? 'No models: register one in Models' : 'Choose a model'}</option>
          {(models.value ?? []).map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
          {name !== '' && !model && models.value !== null && <option value={name}>{`${name} (not in the registry)`}</option>}
        </select>
      </div>
      <div className="sv-field">
        <label htmlFor={`${id}-ref`}>Alias or version</label>
        <select id={`${id}-ref`} value={uri} disabled={disabled || name === ''} onChange={(event) => onChange(event.target.value)} data-testid={`${testId}-ref`}>
          {name === '' && <option value="">—</option>}
          {options.map((o) => (
            <option key={o.uri} value={o.uri} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <p className="sv-hint sv-uri">
        URI: {uri === '' ? <span className="sv-soft">none chosen</span> : <code data-testid={`${testId}-uri`}>{uri}</code>}
        {parsed?.ref.kind === 'alias' && ' · follows the alias: when it moves, a server swaps the new version in'}
      </p>
      {models.failure && <p className="sv-problem">The registry could not be read: {models.failure}</p>}
    </div>
  );
}
