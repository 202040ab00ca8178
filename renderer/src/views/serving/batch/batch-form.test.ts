import { describe, expect, it } from 'vitest';
import { emptyBatchForm, toBatchInput } from './batch-form';

describe('the batch scoring form', () => {
  it('makes the job input for a dataset scored into a Parquet file', () => {
    const { input, problems } = toBatchInput({ ...emptyBatchForm, model: 'models:/churn@champion', dataset: 'customers', outputPath: ' /tmp/scored.parquet ', chunkRows: '1000' });
    expect(problems).toEqual([]);
    expect(input).toEqual({ model: 'models:/churn@champion', input: 'customers', output: { kind: 'parquet', path: '/tmp/scored.parquet' }, column: 'prediction', chunkRows: 1000 });
  });

  it('makes the job input for a file scored into a new dataset', () => {
    const { input } = toBatchInput({ ...emptyBatchForm, model: 'models:/churn/3', inputKind: 'path', path: 'data/new.csv', outputKind: 'dataset', outputName: 'scored', column: 'churn_prob' });
    expect(input).toMatchObject({ input: 'data/new.csv', output: { kind: 'dataset', name: 'scored' }, column: 'churn_prob', chunkRows: 65536 });
  });

  it('names every field that is missing or wrong', () => {
    const { input, problems } = toBatchInput({ ...emptyBatchForm, model: 'runs:/x/model', column: ' ', chunkRows: '0' });
    expect(input).toBeNull();
    expect(problems.some((p) => p.startsWith('Model:'))).toBe(true);
    expect(problems).toContain('Input: needed');
    expect(problems).toContain('Output Parquet file: needed');
    expect(problems).toContain('Predictions column: needed');
    expect(problems.some((p) => p.startsWith('Rows per chunk:'))).toBe(true);
    expect(toBatchInput(emptyBatchForm).problems).toContain('Model: choose one');
    expect(toBatchInput({ ...emptyBatchForm, model: 'models:/churn/1', dataset: 'd', outputPath: 'o.parquet', chunkRows: '1.5' }).problems.some((p) => p.startsWith('Rows per chunk:'))).toBe(true);
  });
});
