import { useState } from 'react';
import type { Dataset } from '../../../../shared/contract';
import { AddDatasetForm } from './datasets/AddDatasetForm';
import { DatasetDetail } from './datasets/DatasetDetail';
import { DatasetList } from './datasets/DatasetList';
import { useDatasets } from './datasets/useDatasets';
import './datasets/datasets.css';

/** The workspace's datasets: add, rename, describe and remove them; see a dataset's schema, profile and correlations. */
export function DatasetsPanel() {
  const { datasets, merge, forget } = useDatasets();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = datasets?.find((d) => d.id === selectedId) ?? null;

  const added = (list: Dataset[]): void => {
    merge(list);
    if (list[0]) setSelectedId(list[0].id);
  };

  return (
    <div className="ds-panel">
      <AddDatasetForm onAdded={added} />
      {datasets === null ? <p className="ds-hint">Loading datasets…</p> : <DatasetList datasets={datasets} selectedId={selected?.id ?? null} onSelect={setSelectedId} />}
      {selected ? (
        <DatasetDetail key={selected.id} dataset={selected} onChanged={(d) => merge([d])} onRemoved={forget} />
      ) : (
        datasets !== null && datasets.length > 0 && <p className="ds-hint">Choose a dataset to see its schema, profile and correlations.</p>
      )}
    </div>
  );
}
