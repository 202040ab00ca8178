import { useId, useState, type Ref, type SyntheticEvent } from 'react';
import type { ModelVersion, RegisteredModel } from '../../../../../shared/contract';
import { aliasProblem, aliasSuggestions, describeAliasChange } from '../aliases';
import { SelectField } from '../SelectField';

interface Props {
  model: RegisteredModel;
  versions: ModelVersion[];
  /** The version the form points at (a row's "Set alias" chooses it). */
  version: number | null;
  onVersion: (version: number) => void;
  /** Focused when a row's "Set alias" is pressed. */
  inputRef?: Ref<HTMLInputElement>;
  busy: boolean;
  onSet: (alias: string, version: number) => Promise<boolean>;
}

/** Points an alias (champion, challenger or any name) at a version, saying whether it is new or moves. */
export function AliasForm({ model, versions, version, onVersion, inputRef, busy, onSet }: Props) {
  const id = useId();
  const [alias, setAlias] = useState('');
  const chosen = version ?? versions[0]?.version ?? null;
  const typed = alias.trim();
  const problem = typed === '' ? null : aliasProblem(typed);
  const ready = typed !== '' && problem === null && chosen !== null && model.aliases[typed] !== chosen;

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (!ready) return;
    void onSet(typed, chosen).then((done) => done && setAlias(''));
  };

  return (
    <form className="mdl-form" aria-label="Set an alias" onSubmit={submit} data-testid="alias-form">
      <label className="mdl-field">
        Alias
        <input ref={inputRef} name="alias" list={`${id}-suggestions`} value={alias} maxLength={50} onChange={(event) => setAlias(event.target.value)} spellCheck={false} autoComplete="off" aria-invalid={problem !== null} data-testid="alias-input" />
      </label>
      <datalist id={`${id}-suggestions`}>
        {aliasSuggestions(model.aliases).map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <SelectField label="Version" value={chosen ?? ''} onChange={(value) => onVersion(Number(value))} disabled={versions.length === 0} testId="alias-version">
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {v.version}
            {v.archived ? ' (archived)' : ''}
          </option>
        ))}
      </SelectField>
      <button type="submit" disabled={busy || !ready} data-testid="alias-set">
        Set alias
      </button>
      {problem ? (
        <p className="mdl-problem" role="alert">
          {problem}
        </p>
      ) : (
        typed !== '' && chosen !== null && <p className="mdl-hint">{describeAliasChange(model.aliases, typed, chosen)}</p>
      )}
      {typed === '' && (
        <p className="mdl-hint">
          Common names:{' '}
          {aliasSuggestions({}).map((name, index) => (
            <span key={name}>
              {index > 0 && ', '}
              <button type="button" className="link-button mdl-inline-link" onClick={() => setAlias(name)}>
                {name}
              </button>
            </span>
          ))}
          . Servers started for <code>models:/{model.name}@alias</code> follow the alias when it moves.
        </p>
      )}
    </form>
  );
}
