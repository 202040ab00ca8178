import type { TrainSpec } from '../../shared/contract';
import type { Frame } from './pipeline';

type Problem = { field: string; message: string };

/** Split problems the schema cannot see: sums, the time column, enough rows for every split and fold. */
export function checkSplit(spec: TrainSpec, frame: Frame): Problem[] {
  const { split } = spec;
  const problems: Problem[] = [];
  const sum = split.train + split.validation + split.test;
  if (Math.abs(sum - 1) > 1e-9) problems.push({ field: 'split', message: `train, validation and test add up to ${sum.toFixed(3)}, not 1` });
  if (split.strategy === 'time') {
    const column = split.timeColumn ? frame.columns.find((c) => c.name === split.timeColumn) : undefined;
    if (!split.timeColumn) problems.push({ field: 'split.timeColumn', message: 'a time split needs a time column' });
    else if (!column) problems.push({ field: 'split.timeColumn', message: `no column "${split.timeColumn}"` });
    else if (column.kind !== 'number') problems.push({ field: 'split.timeColumn', message: `"${split.timeColumn}" is not a date or a number` });
  }
  if (frame.rows > 0) {
    const smallest = Math.floor(frame.rows * Math.min(split.train, split.test));
    if (smallest < 1) problems.push({ field: 'split', message: `${frame.rows} rows are too few for these fractions` });
    if (split.folds === 1) problems.push({ field: 'split.folds', message: 'cross-validation needs at least 2 folds (0 for none)' });
  }
  if (spec.settings.earlyStopping && split.validation === 0) {
    problems.push({ field: 'settings.earlyStopping', message: 'early stopping watches the validation split; give it a share above 0' });
  }
  if (spec.search && split.validation === 0) problems.push({ field: 'search.metric', message: 'a search is judged on the validation split; give it a share above 0' });
  return problems;
}
