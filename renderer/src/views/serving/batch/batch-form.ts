import { batchScoreInput, type InputOf } from '../../../../../shared/contract';

/** The batch scoring form, as typed. */
export interface BatchForm {
  model: string;
  inputKind: 'dataset' | 'path';
  dataset: string;
  path: string;
  outputKind: 'parquet' | 'dataset';
  outputPath: string;
  outputName: string;
  column: string;
  chunkRows: string;
}

export const emptyBatchForm: BatchForm = {
  model: '',
  inputKind: 'dataset',
  dataset: '',
  path: '',
  outputKind: 'parquet',
  outputPath: '',
  outputName: '',
  column: 'prediction',
  chunkRows: '65536',
};

export type BatchInput = InputOf<'scoring.batch'>;

const labels: Record<string, string> = {
  model: 'Model',
  input: 'Input',
  output: 'Output',
  path: 'Output Parquet file',
  name: 'Output dataset name',
  column: 'Predictions column',
  chunkRows: 'Rows per chunk',
};

/** The job's input, or what is wrong with the form (checked by the contract's own schema). */
export function toBatchInput(form: BatchForm): { input: BatchInput; problems: [] } | { input: null; problems: string[] } {
  const chunkText = form.chunkRows.trim();
  const chunk = Number(chunkText);
  const candidate = {
    model: form.model.trim(),
    input: form.inputKind === 'dataset' ? form.dataset : form.path.trim(),
    output: form.outputKind === 'parquet' ? { kind: 'parquet' as const, path: form.outputPath.trim() } : { kind: 'dataset' as const, name: form.outputName.trim() },
    column: form.column.trim(),
    chunkRows: chunkText === '' ? Number.NaN : chunk,
  };
  const parsed = batchScoreInput.safeParse(candidate);
  if (parsed.success) return { input: candidate, problems: [] };
  const problems = parsed.error.issues.map((issue) => {
    const field = [...issue.path].reverse().find((part): part is string => typeof part === 'string' && part in labels) ?? String(issue.path[0] ?? 'form');
    const label = labels[field] ?? field;
    if (field === 'model' && candidate.model === '') return 'Model: choose one';
    if (issue.code === 'too_small' && issue.minimum === 1 && field !== 'chunkRows') return `${label}: needed`;
    return `${label}: ${issue.message}`;
  });
  return { input: null, problems: [...new Set(problems)] };
}
