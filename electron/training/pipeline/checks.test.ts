import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { pipelineSpecSchema } from '../../../shared/contract';
import { checkSpec, type Frame } from './index';

const nums = (...values: number[]): Float64Array => Float64Array.from(values);

/** Six rows; every flaw sits in a known row. */
const frame: Frame = {
  rows: 6,
  columns: [
    { name: 'churn', kind: 'string', values: ['yes', 'no', 'no', 'yes', 'no', 'yes'] },
    { name: 'colour', kind: 'string', values: ['red', 'blue', null, 'red', null, 'blue'] },
    { name: 'tenure', kind: 'number', values: nums(1, 2, 3, 4, 5, 6) },
    { name: 'charges', kind: 'number', values: nums(1, 2, 3, NaN, 5, NaN) },
    { name: 'ratio', kind: 'number', values: nums(1, Infinity, 3, -Infinity, 5, Infinity) },
    { name: 'blank', kind: 'number', values: nums(NaN, NaN, NaN, NaN, NaN, NaN) },
    { name: 'same', kind: 'string', values: ['yes', 'yes', 'yes', 'yes', 'yes', 'yes'] },
    { name: 'grade', kind: 'string', values: ['a', 'b', 'c', 'a', 'b', 'c'] },
    { name: 'partial', kind: 'string', values: ['yes', null, 'no', 'yes', null, 'no'] },
    { name: 'amount', kind: 'number', values: nums(1.5, 2, Infinity, 4, 5, 6) },
  ],
};

type SpecInput = z.input<typeof pipelineSpecSchema>;
const tenure = { column: 'tenure', role: 'numeric' as const, steps: [{ op: 'standardize' as const }] };

function check(input: Partial<SpecInput>, rows?: Int32Array): ReturnType<typeof checkSpec> {
  const spec = pipelineSpecSchema.parse({ target: 'churn', task: 'binary', columns: [tenure], ...input });
  return checkSpec(spec, frame, rows);
}

describe('checkSpec', () => {
  it('finds nothing wrong with a sound pipeline', () => {
    expect(
      check({
        columns: [
          tenure,
          { column: 'colour', role: 'categorical', steps: [{ op: 'impute', strategy: 'most_frequent' }, { op: 'onehot' }] },
          { column: 'charges', role: 'numeric', steps: [{ op: 'impute', strategy: 'median' }, { op: 'minmax' }] },
          { column: 'blank', role: 'drop' },
        ],
      }),
    ).toEqual([]);
  });

  it('says when the dataset has no rows', () => {
    expect(checkSpec(pipelineSpecSchema.parse({ target: 'churn', task: 'binary', columns: [tenure] }), { rows: 0, columns: frame.columns.map((c) => ({ ...c, values: c.kind === 'number' ? nums() : [] }) as Frame['columns'][number]) })).toEqual([
      { field: 'dataset', message: 'the dataset has no rows' },
    ]);
  });

  it.each([
    ['a missing target', { target: 'churned' }, /no column "churned"/],
    ['an empty target', { target: 'blank' }, /target "blank" is empty: every value is missing/],
    ['a target with one class', { target: 'same' }, /target "same" has only one class \("yes"\)/],
    ['three classes for a binary task', { target: 'grade' }, /target "grade" has 3 classes; a binary task needs exactly 2/],
    ['a text target for regression', { target: 'grade', task: 'regression' as const }, /target "grade" holds text; a regression target must be numeric/],
    ['missing target values', { target: 'partial' }, /target "partial" has 2 values missing \(null or NaN; first at row 2\)/],
    ['an infinite target value', { target: 'amount', task: 'regression' as const }, /target "amount" has 1 value infinite \(first at row 3\)/],
  ])('names the target for %s', (_, input, message) => {
    expect(check(input)).toContainEqual({ field: 'pipeline.target', message: expect.stringMatching(message) as string });
  });

  it.each([
    ['a column the dataset lacks', { column: 'tenur', role: 'numeric' }, 'pipeline.columns[1]', /no column "tenur" in the dataset/],
    ['an empty feature', { column: 'blank', role: 'numeric', steps: [{ op: 'impute', strategy: 'mean' }] }, 'pipeline.columns[1]', /"blank" is empty: every value is missing/],
    ['infinite values', { column: 'ratio', role: 'numeric', steps: [{ op: 'standardize' }] }, 'pipeline.columns[1]', /"ratio" has 3 values infinite \(first at row 2\)/],
    ['missing numbers without imputation', { column: 'charges', role: 'numeric', steps: [{ op: 'standardize' }] }, 'pipeline.columns[1]', /"charges" has 2 values missing \(null or NaN; first at row 4\) and no impute step/],
    ['missing categories without imputation', { column: 'colour', role: 'categorical', steps: [{ op: 'onehot' }] }, 'pipeline.columns[1]', /"colour" has 2 values missing .*first at row 3.* and no impute step/],
    ['the target as a feature', { column: 'churn', role: 'categorical', steps: [{ op: 'onehot' }] }, 'pipeline.columns[1]', /"churn" is the target; it cannot also be a feature/],
    ['text as a number', { column: 'grade', role: 'numeric' }, 'pipeline.columns[1]', /"grade" holds text; give it the role categorical/],
    ['a categorical column without onehot', { column: 'grade', role: 'categorical' }, 'pipeline.columns[1]', /"grade" is categorical and needs a onehot step/],
    ['minmax on a category', { column: 'grade', role: 'categorical', steps: [{ op: 'minmax' }, { op: 'onehot' }] }, 'pipeline.columns[1].steps[0]', /"grade" is categorical; minmax needs numbers/],
    ['a mean of categories', { column: 'colour', role: 'categorical', steps: [{ op: 'impute', strategy: 'mean' }, { op: 'onehot' }] }, 'pipeline.columns[1].steps[0]', /mean imputation needs numbers/],
    ['a step after onehot', { column: 'tenure', role: 'numeric', steps: [{ op: 'onehot' }, { op: 'standardize' }] }, 'pipeline.columns[1].steps[1]', /onehot must be the last step/],
    ['a text fill for numbers', { column: 'charges', role: 'numeric', steps: [{ op: 'impute', strategy: 'constant', fill: 'none' }] }, 'pipeline.columns[1].steps[0]', /constant fill "none" must be a number/],
    ['a column twice with one encoding', { column: 'tenure', role: 'numeric', steps: [{ op: 'minmax' }] }, 'pipeline.columns[1]', /"tenure" is listed twice/],
  ] as const)('names the column for %s', (_, plan, field, message) => {
    expect(check({ columns: [tenure, plan as SpecInput['columns'][number]] })).toContainEqual({ field, message: expect.stringMatching(message) as string });
  });

  it('allows one column twice with different encodings, and onehot on numbers', () => {
    expect(check({ columns: [tenure, { column: 'tenure', role: 'numeric', steps: [{ op: 'bucketize', bins: 2 }] }, { column: 'tenure', role: 'numeric', steps: [{ op: 'onehot' }] }] })).toEqual([]);
  });

  it('says when every column is dropped', () => {
    expect(check({ columns: [{ column: 'tenure', role: 'drop' }] })).toContainEqual({ field: 'pipeline.columns', message: 'every column is dropped: the pipeline keeps no feature' });
  });

  it('looks only at the given rows, and counts rows of the frame', () => {
    const charges = { column: 'charges', role: 'numeric' as const, steps: [{ op: 'standardize' as const }] };
    expect(check({ columns: [charges] }, Int32Array.of(0, 1, 2, 4))).toEqual([]);
    expect(check({ columns: [charges] }, Int32Array.of(4, 5))).toEqual([{ field: 'pipeline.columns[0]', message: expect.stringContaining('1 value missing (null or NaN; first at row 6)') as string }]);
  });
});
