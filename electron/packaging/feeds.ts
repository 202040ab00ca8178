import * as ort from 'onnxruntime-node';
import { WorkbenchError, type ModelSignature } from '../../shared/contract';
import type { GraphInfo, GraphValue } from './graph-info';
import { ElemType, INPUTS_METADATA } from './onnx-builder';
import { columnData, matrixData, tensorOf, type ColumnarInput, type ColumnRule } from './tensors';

/**
 * How a table's columns become the graph's inputs: one column per input
 * (shape [N] or [N, 1]), or all of them as one 2-D input, in the signature's
 * column order (or, with no column names, the table's own order).
 */
export type Feed =
  | { kind: 'column'; input: string; rule: ColumnRule; asColumn: boolean }
  | { kind: 'table'; input: string; rules: ColumnRule[] }
  | { kind: 'positional'; input: string; elemType: ElemType; width: number };

interface InputNote {
  name: string;
  kind: 'number' | 'date' | 'string';
  nullable: boolean;
}

/** What the workbench wrote about its own graphs' inputs; null for other models. */
function inputNotes(info: GraphInfo): Map<string, InputNote> | null {
  const text = info.metadata[INPUTS_METADATA];
  if (text === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return null;
    return new Map((parsed as InputNote[]).filter((note) => typeof note?.name === 'string').map((note) => [note.name, note]));
  } catch {
    return null;
  }
}

function unsupported(file: string, value: GraphValue, why: string): WorkbenchError {
  return new WorkbenchError('model_invalid', `${file}: the input "${value.name}" ${why}; the scorer feeds columns ([N] or [N, 1]) or one 2-D table.`, { file, input: value.name });
}

export function planFeeds(info: GraphInfo, signature: ModelSignature, file: string, options: { allowMissing?: boolean } = {}): Feed[] {
  const notes = inputNotes(info);
  const rule = (column: string, elemType: ElemType): ColumnRule => {
    const note = notes?.get(column);
    // Other models: a float column may hold NaN (their imputers expect it); nothing else may be missing.
    const nullable = options.allowMissing === true || (notes ? note?.nullable === true : elemType === ElemType.DOUBLE || elemType === ElemType.FLOAT);
    return { column, elemType, nullable, date: note?.kind === 'date' };
  };
  const only = info.inputs.length === 1 ? info.inputs[0] : undefined;
  if (only?.elemType !== null && only?.elemType !== undefined && only.dims?.length === 2 && only.dims[1] !== 1) {
    const elemType = only.elemType;
    const width = only.dims[1] ?? null;
    const named = signature.inputs.filter((field) => field.type !== 'tensor').map((field) => field.name);
    if (named.length > 0 && (width === null || width === named.length)) return [{ kind: 'table', input: only.name, rules: named.map((name) => rule(name, elemType)) }];
    if (width !== null) return [{ kind: 'positional', input: only.name, elemType, width }];
    throw unsupported(file, only, 'is a table of unknown width, and the signature names no columns');
  }
  return info.inputs.map((value): Feed => {
    if (value.elemType === null) throw unsupported(file, value, 'is not a tensor');
    const dims = value.dims;
    if (dims !== null && dims.length > 2) throw unsupported(file, value, `has ${dims.length} dimensions`);
    if (dims !== null && dims.length === 2 && dims[1] !== 1) throw unsupported(file, value, `is [N, ${dims[1] ?? '?'}] among several inputs`);
    return { kind: 'column', input: value.name, rule: rule(value.name, value.elemType), asColumn: dims?.length === 2 };
  });
}

function missingColumn(column: string): WorkbenchError {
  return new WorkbenchError('invalid_input', `Column "${column}" is missing.`, { column });
}

/** The tensors for one call; `invalid_input` naming the column (and row) for anything the model cannot take. */
export function buildFeeds(feeds: Feed[], input: ColumnarInput): Record<string, ort.Tensor> {
  const { rows } = input;
  if (!Number.isSafeInteger(rows) || rows < 0) throw new WorkbenchError('invalid_input', `rows must be a whole number, not ${rows}.`, { field: 'rows' });
  const out: Record<string, ort.Tensor> = {};
  for (const feed of feeds) {
    if (feed.kind === 'column') {
      const values = input.columns[feed.rule.column];
      if (!values) throw missingColumn(feed.rule.column);
      out[feed.input] = tensorOf(feed.rule.elemType, columnData(feed.rule, values, rows), feed.asColumn ? [rows, 1] : [rows]);
    } else if (feed.kind === 'table') {
      out[feed.input] = tensorOf(feed.rules[0]?.elemType ?? ElemType.FLOAT, matrixData(feed.rules, input), [rows, feed.rules.length]);
    } else {
      const names = Object.keys(input.columns);
      if (names.length !== feed.width) {
        throw new WorkbenchError('invalid_input', `The model takes a table of ${feed.width} columns (in order); got ${names.length}.`, { field: 'columns' });
      }
      const nullable = feed.elemType === ElemType.FLOAT || feed.elemType === ElemType.DOUBLE;
      const rules = names.map((column) => ({ column, elemType: feed.elemType, nullable, date: false }));
      out[feed.input] = tensorOf(feed.elemType, matrixData(rules, input), [rows, feed.width]);
    }
  }
  return out;
}
