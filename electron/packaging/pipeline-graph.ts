import { WorkbenchError } from '../../shared/contract';
import type { FittedColumn, FittedPipeline, FittedStep } from '../training/pipeline';
import { ElemType, ML_DOMAIN, MISSING_TEXT, type GraphBuilder } from './onnx-builder';

/**
 * The fitted pipeline as ONNX operators, reproducing electron/training/pipeline
 * (steps.ts, transform.ts) exactly: numbers are worked in double, as the
 * JavaScript does, and cast to float32 only as features.
 *
 * How a missing value reaches the graph: NaN in a number column, the empty
 * string in a text column.
 */

/** What the graph takes for one raw column. */
export interface GraphInput {
  name: string;
  kind: 'number' | 'date' | 'string';
  /** Whether a missing value is imputed by every step reading the column (else the model has nowhere to put it). */
  nullable: boolean;
}

export function graphInputs(fitted: FittedPipeline): GraphInput[] {
  return fitted.inputColumns.map((name) => {
    const readers = fitted.columns.filter((column) => column.column === name);
    const first = readers[0];
    if (!first) throw new WorkbenchError('invalid_input', `The pipeline's input column "${name}" is not read by any step.`, { column: name });
    return { name, kind: first.source, nullable: readers.every((column) => column.steps.some((step) => step.op === 'impute')) };
  });
}

/** A category key as a number: the keys of number columns are their shortest round-trip text, so this inverts it; NaN for any other text. */
function keyAsNumber(key: string): number {
  const value = Number(key);
  return key.trim() !== '' && String(value) === key ? value : Number.NaN;
}

type Onehot = FittedStep & { op: 'onehot' };
type Bucketize = FittedStep & { op: 'bucketize' };

/** Float [N, 1] indicator of NaN. */
function nanIndicator(g: GraphBuilder, x: string): string {
  return g.op('Cast', [g.op('IsNaN', [x])], { to: ElemType.FLOAT });
}

/**
 * One-hot of a double [N, 1] by equality with each category's number. A missing
 * value whose imputed key is not a number (`"missing"`) goes to that key's column.
 */
function numberOnehot(g: GraphBuilder, x: string, step: Onehot, missingKey: string | null): string {
  let value = x;
  let textKey: string | null = null;
  if (missingKey !== null) {
    const fill = keyAsNumber(missingKey);
    if (Number.isNaN(fill)) textKey = missingKey;
    else value = g.op('Where', [g.op('IsNaN', [x]), g.doubles([fill], [1, 1]), x]);
  }
  const columns: string[] = [];
  const { categories, infrequent } = step;
  if (categories.length > 0) {
    let hot = g.op('Cast', [g.op('Equal', [value, g.doubles(categories.map(keyAsNumber), [1, categories.length])])], { to: ElemType.FLOAT });
    const at = textKey === null ? -1 : categories.indexOf(textKey);
    if (at >= 0) {
      const row = categories.map((_, i) => (i === at ? 1 : 0));
      hot = g.op('Add', [hot, g.op('Mul', [nanIndicator(g, x), g.floats(row, [1, row.length])])]);
    }
    columns.push(hot);
  }
  if (infrequent.length > 0) {
    const matches = g.op('Cast', [g.op('Equal', [value, g.doubles(infrequent.map(keyAsNumber), [1, infrequent.length])])], { to: ElemType.FLOAT });
    let other = g.op('ReduceSum', [matches, g.int64s([1])], { keepdims: 1 });
    if (textKey !== null && infrequent.includes(textKey)) other = g.op('Add', [other, nanIndicator(g, x)]);
    columns.push(other);
  }
  return columns.length === 1 ? (columns[0] ?? '') : g.op('Concat', columns, { axis: 1 });
}

/** One-hot of a string [N] through ai.onnx.ml OneHotEncoder: unknown categories give zeros (zeros=1). */
function textOnehot(g: GraphBuilder, x: string, step: Onehot): string {
  const { categories, infrequent } = step;
  const all = [...categories, ...infrequent];
  const hot = g.op('OneHotEncoder', [x], { cats_strings: all, zeros: 1 }, { domain: ML_DOMAIN });
  if (infrequent.length === 0) return hot;
  const slice = (from: number, to: number): string => g.op('Slice', [hot, g.int64s([from]), g.int64s([to]), g.int64s([1])]);
  const other = g.op('ReduceSum', [slice(categories.length, all.length), g.int64s([1])], { keepdims: 1 });
  return categories.length === 0 ? other : g.op('Concat', [slice(0, categories.length), other], { axis: 1 });
}

/**
 * Bins of a double [N, 1]: bin i is `lower_i <= x` and not `lower_{i+1} <= x`,
 * with lower_0 = -inf and no upper bound on the last (NaN compares false, so a
 * missing value sets no bin, as in the JavaScript).
 */
function bucketize(g: GraphBuilder, x: string, step: Bucketize): string {
  const inner = step.edges.slice(1, -1);
  const bins = inner.length + 1;
  const atLeast = (bounds: number[]): string => g.op('Cast', [g.op('GreaterOrEqual', [x, g.doubles(bounds, [1, bins])])], { to: ElemType.FLOAT });
  return g.op('Sub', [atLeast([-Infinity, ...inner]), atLeast([...inner, Number.NaN])]);
}

/** A number column's steps in double; the features as float [N, k]. */
function numberColumn(g: GraphBuilder, column: FittedColumn, x: string): string {
  let value = x;
  // A categorical column of numbers keys its values as text: its impute fill is a key, maybe not a number.
  let missingKey: string | null = null;
  for (const step of column.steps) {
    switch (step.op) {
      case 'impute':
        if (column.role === 'categorical') missingKey ??= String(step.fill);
        else value = g.op('Where', [g.op('IsNaN', [value]), g.doubles([Number(step.fill)], [1, 1]), value]);
        break;
      case 'standardize':
        value = g.op('Div', [g.op('Sub', [value, g.doubles([step.mean], [1, 1])]), g.doubles([step.scale], [1, 1])]);
        break;
      case 'minmax':
        value = g.op('Div', [g.op('Sub', [value, g.doubles([step.min], [1, 1])]), g.doubles([step.range], [1, 1])]);
        break;
      case 'onehot':
        return numberOnehot(g, value, step, missingKey);
      case 'bucketize':
        return bucketize(g, value, step);
    }
  }
  return g.op('Cast', [value], { to: ElemType.FLOAT });
}

function textColumn(g: GraphBuilder, column: FittedColumn, x: string): string {
  let value = x;
  let imputed = false;
  for (const step of column.steps) {
    if (step.op === 'impute' && !imputed) {
      imputed = true;
      value = g.op('Where', [g.op('Equal', [value, g.strings([MISSING_TEXT], [1])]), g.strings([String(step.fill)], [1]), value]);
    }
    if (step.op === 'onehot') return textOnehot(g, value, step);
  }
  throw new WorkbenchError('invalid_input', `Column "${column.column}": a text column must end with a onehot step.`, { column: column.column });
}

/**
 * Adds the preprocessing: `inputs` maps each raw column to its graph value
 * (double or string, shape [N]). Returns the features, float [N, width].
 */
export function addPipeline(g: GraphBuilder, fitted: FittedPipeline, inputs: Map<string, string>): string {
  const asColumn = new Map<string, string>();
  const parts: string[] = [];
  for (const column of fitted.columns) {
    if (column.outputs.length === 0) continue;
    const raw = inputs.get(column.column);
    if (raw === undefined) throw new WorkbenchError('invalid_input', `The pipeline reads "${column.column}", which is not among its input columns.`, { column: column.column });
    if (column.source === 'string') {
      parts.push(textColumn(g, column, raw));
      continue;
    }
    let x = asColumn.get(raw);
    if (x === undefined) {
      x = g.op('Unsqueeze', [raw, g.int64s([1])]);
      asColumn.set(raw, x);
    }
    parts.push(numberColumn(g, column, x));
  }
  if (parts.length === 0) throw new WorkbenchError('invalid_input', 'The pipeline gives no features.');
  return parts.length === 1 ? (parts[0] ?? '') : g.op('Concat', parts, { axis: 1 });
}
