import { useId } from 'react';
import type { Dataset } from '../../../../../shared/contract';
import { SelectField, TextField, type Option, type SectionProps } from './fields';

interface Props extends SectionProps {
  datasets: Dataset[] | null;
  experiments: readonly string[];
  proposing: boolean;
  onPropose: () => void;
  /** Why the proposal chose the task ("Target: 2 classes, so binary classification."). */
  targetReason: string | undefined;
}

const taskOptions: Option<SectionProps['form']['task']>[] = [
  { value: 'binary', label: 'Binary classification' },
  { value: 'multiclass', label: 'Multiclass classification' },
  { value: 'regression', label: 'Regression' },
];

/** What to learn from: the experiment and run, the dataset, the target and the kind of task. */
export function DataSection({ form, update, problems, datasets, experiments, proposing, onPropose, targetReason }: Props) {
  const experimentList = useId();
  const dataset = datasets?.find((d) => d.name === form.dataset);
  const datasetOptions: Option<string>[] = [
    { value: '', label: datasets === null ? 'Loading…' : datasets.length === 0 ? 'No datasets: add one in Data' : 'Choose a dataset' },
    ...(datasets ?? []).map((d) => ({ value: d.name, label: d.name })),
  ];
  // A saved job may name a dataset that is gone; keep it visible so the problem can be seen.
  if (form.dataset !== '' && !dataset) datasetOptions.push({ value: form.dataset, label: `${form.dataset} (missing)` });
  const targetOptions: Option<string>[] = [{ value: '', label: dataset ? 'Choose the target' : '—' }, ...(dataset?.columns ?? []).map((c) => ({ value: c.name, label: `${c.name} (${c.type})` }))];
  if (form.target !== '' && !dataset?.columns.some((c) => c.name === form.target)) targetOptions.push({ value: form.target, label: form.target });

  return (
    <fieldset className="xp-section" data-testid="train-data">
      <legend>Data</legend>
      <div className="xp-grid">
        <TextField label="Experiment" value={form.experiment} onChange={(experiment) => update({ experiment })} slot="experiment" problems={problems} list={experimentList} placeholder="Default" hint="Pick one, or type a new name" testId="train-experiment" />
        <datalist id={experimentList}>
          {experiments.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <TextField label="Run name" value={form.runName} onChange={(runName) => update({ runName })} slot="runName" problems={problems} placeholder="Named by the workbench" testId="train-run-name" />
        <SelectField
          label="Dataset"
          value={form.dataset}
          options={datasetOptions}
          slot="dataset"
          problems={problems}
          testId="train-dataset"
          // Another dataset has other columns: the pipeline is proposed again.
          onChange={(name) => update({ dataset: name, target: '', columns: [], timeColumn: '' })}
        />
        <SelectField label="Target" value={form.target} options={targetOptions} slot="pipeline.target" problems={problems} disabled={!dataset} testId="train-target" onChange={(target) => update({ target, columns: [] })} />
        <SelectField label="Task" value={form.task} options={taskOptions} slot="pipeline.task" problems={problems} hint={targetReason} testId="train-task" onChange={(task) => update({ task })} />
        <div className="xp-field xp-field-button">
          <button type="button" className="xp-primary" onClick={onPropose} disabled={form.dataset === '' || form.target === '' || proposing} data-testid="train-propose">
            {proposing ? 'Proposing…' : 'Propose'}
          </button>
        </div>
      </div>
      {dataset && <p className="xp-hint">{`${dataset.rowCount.toLocaleString('en-US')} rows · ${dataset.columns.length} columns`}</p>}
    </fieldset>
  );
}
