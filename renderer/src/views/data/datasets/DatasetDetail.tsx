import { useState } from 'react';
import type { Dataset } from '../../../../../shared/contract';
import { useDataView } from '../data-view-context';
import { DescriptionForm, RenameForm } from './EditForms';
import { formatCount } from './format';
import { OpenInNotebook } from './OpenInNotebook';
import { ProfileView } from './ProfileView';
import { RemoveDialog } from './RemoveDialog';
import { SchemaTable } from './SchemaTable';
import { useProfile } from './useProfile';

type Section = 'schema' | 'profile' | 'correlations';
const sections: { id: Section; label: string }[] = [
  { id: 'schema', label: 'Schema' },
  { id: 'profile', label: 'Profile' },
  { id: 'correlations', label: 'Correlations' },
];

interface Props {
  dataset: Dataset;
  onChanged: (dataset: Dataset) => void;
  onRemoved: (id: string) => void;
}

/** One dataset: what it is, its actions, and its schema, profile and correlations. */
export function DatasetDetail({ dataset, onChanged, onRemoved }: Props) {
  const { openSql, openChart } = useDataView();
  const [section, setSection] = useState<Section>('schema');
  const [editing, setEditing] = useState<'rename' | 'describe' | 'remove' | null>(null);
  const profile = useProfile({ dataset: dataset.id }); // by id: a rename keeps the profile

  const choose = (next: Section): void => {
    setSection(next);
    // Profiling is a job, so it starts when asked for; the backend answers from its cache when it can.
    if (next !== 'schema' && !profile.profile && !profile.progress) profile.run({ target: null });
  };

  return (
    <section className="ds-detail" aria-labelledby="ds-detail-title">
      <header className="ds-detail-header">
        <div>
          <h2 id="ds-detail-title">{dataset.name}</h2>
          <p className="ds-hint">
            {dataset.format.toUpperCase()} · {formatCount(dataset.rowCount)} rows · {formatCount(dataset.columns.length)} columns ·{' '}
            <code title={dataset.location}>{dataset.location}</code>
          </p>
        </div>
        <div className="ds-actions" role="group" aria-label="Dataset actions">
          <button type="button" onClick={() => openSql(`SELECT * FROM "${dataset.name}" LIMIT 1000`)}>
            Query in SQL
          </button>
          <button type="button" onClick={() => openChart({ dataset: dataset.name })}>
            Chart
          </button>
          <OpenInNotebook dataset={dataset} />
          <button type="button" onClick={() => setEditing('rename')} aria-pressed={editing === 'rename'}>
            Rename
          </button>
          <button type="button" onClick={() => setEditing('describe')} aria-pressed={editing === 'describe'}>
            Edit description
          </button>
          <button type="button" className="ds-danger" onClick={() => setEditing('remove')}>
            Remove
          </button>
        </div>
      </header>

      {editing === 'rename' && <RenameForm dataset={dataset} onSaved={onChanged} onClose={() => setEditing(null)} />}
      {editing === 'describe' && <DescriptionForm dataset={dataset} onSaved={onChanged} onClose={() => setEditing(null)} />}
      {editing === 'remove' && <RemoveDialog dataset={dataset} onRemoved={onRemoved} onClose={() => setEditing(null)} />}
      {editing !== 'describe' &&
        (dataset.description ? (
          <p className="ds-description">{dataset.description}</p>
        ) : (
          <p className="ds-description ds-soft">No description.</p>
        ))}

      <div role="tablist" aria-label={`About ${dataset.name}`} className="tabs ds-subtabs">
        {sections.map((s) => (
          <button key={s.id} type="button" role="tab" className="tab" aria-selected={section === s.id} onClick={() => choose(s.id)}>
            {s.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={sections.find((s) => s.id === section)?.label}>
        {section === 'schema' ? <SchemaTable dataset={dataset} /> : <ProfileView label={dataset.name} columns={dataset.columns} dataset={dataset} run={profile} show={section} />}
      </div>
    </section>
  );
}
