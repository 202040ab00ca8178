import type { ColumnInfo } from '../../../../../shared/contract';
import { CheckField, ProblemText, SelectField, TextField, type SectionProps } from './fields';

/** How the rows are split into train, validation and test, cross-validation, and permutation importance. */
export function SplitSection({ form, update, problems, columns }: SectionProps & { columns: readonly ColumnInfo[] }) {
  return (
    <fieldset className="xp-section" data-testid="train-split">
      <legend>Split and evaluation</legend>
      <ProblemText id="split-problem" messages={problems.get('split')} />
      <div className="xp-grid">
        <SelectField
          label="Split"
          value={form.splitStrategy}
          options={[
            { value: 'stratified', label: 'stratified by the target' },
            { value: 'random', label: 'random' },
            { value: 'time', label: 'by a time column' },
          ]}
          onChange={(splitStrategy) => update({ splitStrategy })}
          slot="split.strategy"
          problems={problems}
        />
        {form.splitStrategy === 'time' && (
          <SelectField
            label="Time column"
            value={form.timeColumn}
            options={[{ value: '', label: 'Choose a column' }, ...columns.map((c) => ({ value: c.name, label: `${c.name} (${c.type})` }))]}
            onChange={(timeColumn) => update({ timeColumn })}
            slot="split.timeColumn"
            problems={problems}
            hint="The oldest rows train, the newest test"
          />
        )}
        <TextField label="Train" value={form.trainFraction} onChange={(trainFraction) => update({ trainFraction })} slot="split.train" problems={problems} numeric placeholder="0.6" />
        <TextField label="Validation" value={form.validationFraction} onChange={(validationFraction) => update({ validationFraction })} slot="split.validation" problems={problems} numeric placeholder="0.2" />
        <TextField label="Test" value={form.testFraction} onChange={(testFraction) => update({ testFraction })} slot="split.test" problems={problems} numeric placeholder="0.2" />
        <TextField label="Folds" value={form.folds} onChange={(folds) => update({ folds })} slot="split.folds" problems={problems} numeric placeholder="0" hint="k-fold cross-validation; 0 for none" />
        <TextField label="Split seed" value={form.splitSeed} onChange={(splitSeed) => update({ splitSeed })} slot="split.seed" problems={problems} numeric placeholder="42" />
        <div className="xp-field xp-field-button">
          <CheckField label="Permutation importance" checked={form.importance} onChange={(importance) => update({ importance })} />
          <ProblemText id="importance-problem" messages={problems.get('importance')} />
        </div>
      </div>
    </fieldset>
  );
}
