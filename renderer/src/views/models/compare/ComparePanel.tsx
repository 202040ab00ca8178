import { useState } from 'react';
import { SelectField } from '../SelectField';
import { useModel, useModels } from '../use-registry';
import { VersionDiff } from './VersionDiff';

export interface CompareTarget {
  name: string;
  a: number;
  b: number;
}

/** Two versions of a model side by side: chosen here, or handed over from a model's page. */
export function ComparePanel({ initial }: { initial: CompareTarget | null }) {
  const models = useModels('');
  const [name, setName] = useState<string | null>(initial?.name ?? null);
  const [picked, setPicked] = useState<{ a: number | null; b: number | null }>({ a: initial?.a ?? null, b: initial?.b ?? null });
  const chosenName = name ?? models.value?.[0]?.name ?? null;
  const model = useModel(chosenName);
  const versions = model.value?.model.name === chosenName ? model.value.versions : [];
  // Defaults: the newest version against the one before it.
  const a = versions.find((v) => v.version === picked.a) ?? versions[1] ?? null;
  const b = versions.find((v) => v.version === picked.b) ?? versions[0] ?? null;

  const versionSelect = (side: 'a' | 'b', label: string) => (
    <SelectField label={label} value={(side === 'a' ? a : b)?.version ?? ''} onChange={(value) => setPicked((current) => ({ ...current, [side]: Number(value) }))} disabled={versions.length === 0} testId={`compare-version-${side}`}>
      {versions.map((v) => (
        <option key={v.version} value={v.version}>
          {v.version}
          {v.aliases.length > 0 ? ` (@${v.aliases.join(', @')})` : ''}
        </option>
      ))}
    </SelectField>
  );

  return (
    <section className="mdl-view" aria-label="Compare versions" data-testid="models-compare">
      <form className="mdl-form" aria-label="Versions to compare" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          label="Model"
          value={chosenName ?? ''}
          onChange={(value) => {
            setName(value);
            setPicked({ a: null, b: null });
          }}
          disabled={(models.value ?? []).length === 0}
          testId="compare-model"
        >
          {(models.value ?? []).map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </SelectField>
        {versionSelect('a', 'Version A')}
        {versionSelect('b', 'Version B')}
      </form>
      {(models.failure ?? model.failure) && (
        <p className="mdl-error" role="alert">
          {models.failure ?? model.failure}
        </p>
      )}
      {models.value?.length === 0 && <p className="mdl-muted">No registered models yet.</p>}
      {chosenName !== null && versions.length > 0 && versions.length < 2 && <p className="mdl-muted">{chosenName} has one version: register another to compare.</p>}
      {a && b && a.version !== b.version && <VersionDiff a={a} b={b} />}
      {a && b && a.version === b.version && versions.length > 1 && <p className="mdl-muted">Choose two different versions.</p>}
    </section>
  );
}
