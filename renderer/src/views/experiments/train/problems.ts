import type { Problem } from './form-state';

/**
 * Where each problem is shown: next to the field it names. A problem's
 * `field` is a dotted path into the spec (`settings.epochs`,
 * `pipeline.columns.3.steps.0.fill`) or, from the data checks, a column's
 * name; it goes to the most specific field that the form shows, and what
 * matches none is listed by the Start button.
 */

/** The fields the form shows a message under, most specific first where they nest. */
export const problemSlots = [
  'experiment',
  'runName',
  'dataset',
  'pipeline.target',
  'pipeline.task',
  'pipeline.columns',
  'algorithm.hiddenLayers',
  'algorithm.activation',
  'algorithm.dropout',
  'algorithm.l2',
  'algorithm',
  'settings.optimizer',
  'settings.learningRate',
  'settings.batchSize',
  'settings.epochs',
  'settings.earlyStopping',
  'settings.classWeights',
  'settings.seed',
  'backend',
  'split.strategy',
  'split.train',
  'split.validation',
  'split.test',
  'split.timeColumn',
  'split.folds',
  'split.seed',
  'split',
  'importance',
  'search.method',
  'search.trials',
  'search.parallel',
  'search.metric',
  'search.direction',
  'search.space',
  'search',
] as const;

export type ProblemSlot = (typeof problemSlots)[number] | `column:${number}` | 'other';

export const columnSlot = (index: number): ProblemSlot => `column:${index}`;

/** `pipeline.columns[3].steps[0]` (the backend's checks) and `pipeline.columns.3.steps.0` (zod's paths) are one field. */
export const normalField = (field: string): string => field.replace(/\[(\d+)\]/g, '.$1');

export function slotOf(rawField: string, columns: readonly string[], target: string): ProblemSlot {
  const field = normalField(rawField);
  const indexed = /^pipeline\.columns\.(\d+)(\.|$)/.exec(field);
  if (indexed?.[1] !== undefined) return columnSlot(Number(indexed[1]));
  // The data checks name a column: "TotalCharges", "columns.TotalCharges", "pipeline.columns.TotalCharges".
  const name = field.replace(/^(pipeline\.)?columns\./, '');
  if (name === target && target !== '') return 'pipeline.target';
  const byName = columns.indexOf(name);
  if (byName >= 0) return columnSlot(byName);
  if (field === 'target') return 'pipeline.target';
  if (field === 'task') return 'pipeline.task';
  return problemSlots.find((slot) => field === slot || field.startsWith(`${slot}.`)) ?? 'other';
}

export type PlacedProblems = ReadonlyMap<ProblemSlot, string[]>;

export function placeProblems(problems: readonly Problem[], columns: readonly string[], target: string): PlacedProblems {
  const placed = new Map<ProblemSlot, string[]>();
  for (const { field: rawField, message } of problems) {
    const field = normalField(rawField);
    const slot = slotOf(field, columns, target);
    const list = placed.get(slot) ?? [];
    // Within a column or a section, say which part: "steps.0.fill: not a number".
    const rest = slot.startsWith('column:')
      ? (/^pipeline\.columns\.\d+\.(.+)$/.exec(field)?.[1] ?? '')
      : slot === 'other' || !field.startsWith(`${slot}.`)
        ? ''
        : field.slice(slot.length + 1);
    list.push(slot === 'other' && field !== '' ? `${field}: ${message}` : rest ? `${rest}: ${message}` : message);
    placed.set(slot, list);
  }
  return placed;
}
