import { WorkbenchError, type ModelSignature, type SignatureField } from '../../shared/contract';
import type { ScoreResult } from '../packaging';

export type OutputType = 'VARCHAR' | 'DOUBLE' | 'FLOAT' | 'BIGINT' | 'INTEGER' | 'BOOLEAN';
export type OutputValue = string | number | bigint | boolean | null;

/** One column the batch adds: from which model output (and which slot of a 2-D one). */
export interface OutputColumn {
  name: string;
  output: string;
  /** The slot in a `[N, k]` output; 0 for a 1-D one. */
  slot: number;
  width: number;
  type: OutputType;
}

/**
 * The columns a batch adds. The model's main output (the one named
 * `prediction`, else the first) becomes `column`; every other output becomes
 * `<column>_<output>`, so a workbench classifier's `probability_Yes` lands in
 * `prediction_probability_Yes`. A `[N, k]` output spreads over k columns
 * suffixed `_0` .. `_k-1`.
 */
export function planOutputs(signature: ModelSignature, column: string): OutputColumn[] {
  if (signature.outputs.length === 0) throw new WorkbenchError('model_invalid', 'The model declares no outputs.');
  const main = signature.outputs.find((field) => field.name === 'prediction') ?? signature.outputs[0];
  const ordered = [main, ...signature.outputs.filter((field) => field !== main)] as SignatureField[];
  return ordered.flatMap((field) => {
    const base = field === main ? column : `${column}_${field.name}`;
    const width = widthOf(field);
    const type = typeOf(field);
    if (width === 1) return [{ name: base, output: field.name, slot: 0, width, type }];
    return Array.from({ length: width }, (_, slot) => ({ name: `${base}_${slot}`, output: field.name, slot, width, type }));
  });
}

function widthOf(field: SignatureField): number {
  const last = field.shape && field.shape.length === 2 ? field.shape[1] : undefined;
  return last !== undefined && last > 1 ? last : 1;
}

function typeOf(field: SignatureField): OutputType {
  const type = (field.type === 'tensor' ? (field.dtype ?? '') : field.type).toLowerCase();
  if (/^(string|str|object)$/.test(type)) return 'VARCHAR';
  if (/^(float|float32|float16)$/.test(type)) return 'FLOAT';
  if (/^(long|int64|uint32|uint64)$/.test(type)) return 'BIGINT';
  if (/^(integer|int32|int16|int8|uint16|uint8)$/.test(type)) return 'INTEGER';
  if (/^bool(ean)?$/.test(type)) return 'BOOLEAN';
  return 'DOUBLE';
}

/**
 * The batch's new columns as arrays ready for DuckDB, checked against the plan:
 * every output present, with one value (or k) per row.
 */
export function outputValues(plan: readonly OutputColumn[], result: ScoreResult, rows: number): OutputValue[][] {
  return plan.map((column) => {
    const output = result.outputs.find((candidate) => candidate.name === column.output);
    if (!output) throw new WorkbenchError('model_invalid', `The model gave no output "${column.output}", which its signature declares.`, { output: column.output });
    if (output.values.length !== rows * column.width) {
      throw new WorkbenchError('model_invalid', `The model's output "${column.output}" has ${output.values.length} values for ${rows} rows (expected ${rows * column.width}).`, { output: column.output });
    }
    const values: OutputValue[] = new Array<OutputValue>(rows);
    for (let row = 0; row < rows; row++) values[row] = cast(output.values[row * column.width + column.slot], column.type);
    return values;
  });
}

function cast(value: number | string | undefined, type: OutputType): OutputValue {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'VARCHAR':
      return String(value);
    case 'BIGINT':
      return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : null;
    case 'BOOLEAN':
      return typeof value === 'number' ? value !== 0 : value === 'true';
    default:
      return typeof value === 'number' ? value : Number(value);
  }
}
