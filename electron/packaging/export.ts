import { WorkbenchError, type ModelSignature, type ParityCheck } from '../../shared/contract';
import type { ModelWeights } from '../training/engine';
import type { FittedPipeline } from '../training/pipeline';
import { readGraphInfo } from './graph-info';
import { MISSING_TEXT } from './onnx-builder';
import type { GraphInput } from './pipeline-graph';
import { ONNX_FILE, writeModelDirectory, type SplitFrame } from './mlmodel';
import { PREDICTION, buildRunGraph, probabilityOutput } from './run-graph';
import { scorerFor } from './scorer';
import { signatureFromGraph } from './signature';
import type { ColumnarInput } from './tensors';

/** onnxruntime against TF.js, both in float32: the bound. */
export const PARITY_TOLERANCE = 1e-5;
export const PARITY_FILE = 'parity.json';
const PARITY_MEASURE = 'max over rows and outputs of |onnxruntime - tfjs| / max(1, |tfjs|)';

export interface ExportInput {
  dir: string;
  fitted: FittedPipeline;
  weights: ModelWeights;
  example: ColumnarInput;
  parity?: { input: ColumnarInput; expected: Float32Array };
}

/** The example as MLflow serves it: missing numbers as null (NaN to pandas), missing text as the empty string the graph imputes. */
function splitFrame(input: ColumnarInput, inputs: GraphInput[]): SplitFrame {
  const data = Array.from({ length: input.rows }, (_, row) =>
    inputs.map(({ name, kind }) => {
      const value = input.columns[name]?.[row] ?? null;
      if (typeof value === 'number' && !Number.isFinite(value)) return null;
      return kind === 'string' && value === null ? MISSING_TEXT : value;
    }),
  );
  return { columns: inputs.map((input) => input.name), data };
}

/**
 * |a - b| over max(1, |b|): absolute for probabilities, relative for large
 * regression values, where float32 itself keeps only about 7 digits (at 5,000
 * one ulp is 5e-4). Two NaNs agree; one NaN is as far off as a finite number goes.
 */
function difference(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Number.MAX_VALUE;
  const scaled = Math.abs(a - b) / Math.max(1, Math.abs(b));
  return Number.isFinite(scaled) ? scaled : Number.MAX_VALUE;
}

async function checkParity(bytes: Uint8Array, fitted: FittedPipeline, parity: NonNullable<ExportInput['parity']>): Promise<ParityCheck> {
  const info = readGraphInfo(bytes, ONNX_FILE);
  // TF.js saw every row, missing values included: so does the check.
  const scorer = await scorerFor(bytes, ONNX_FILE, info, signatureFromGraph(info), { allowMissing: true });
  try {
    const { rows } = parity.input;
    const result = await scorer.score(parity.input);
    const names = fitted.classes === null ? [PREDICTION] : fitted.classes.map(probabilityOutput);
    if (parity.expected.length !== rows * names.length) {
      throw new WorkbenchError('invalid_input', `The expected outputs hold ${parity.expected.length} values for ${rows} rows × ${names.length}.`, { field: 'parity.expected' });
    }
    let maxAbsDiff = 0;
    names.forEach((name, k) => {
      const values = result.outputs.find((output) => output.name === name)?.values as number[] | undefined;
      if (!values) throw new WorkbenchError('internal', `The exported graph gave no output "${name}".`);
      for (let row = 0; row < rows; row++) maxAbsDiff = Math.max(maxAbsDiff, difference(values[row] ?? Number.NaN, parity.expected[row * names.length + k] ?? Number.NaN));
    });
    return { maxAbsDiff, rows, tolerance: PARITY_TOLERANCE, passed: maxAbsDiff <= PARITY_TOLERANCE };
  } finally {
    await scorer.release();
  }
}

/**
 * Exports a trained run (pipeline + network) as one ONNX graph in an MLflow
 * model directory `dir`, after checking it against TF.js's outputs on the
 * parity rows. The check's figures go into `parity.json` too; a failed check
 * is recorded, not thrown.
 */
export async function exportRunModel(input: ExportInput): Promise<{ signature: ModelSignature; parity: ParityCheck | null }> {
  const { fitted, weights } = input;
  const graph = buildRunGraph(fitted, weights, { name: `workbench_${fitted.task}_${fitted.target}` });
  const signature = signatureFromGraph(readGraphInfo(graph.bytes, ONNX_FILE));
  const parity = input.parity ? await checkParity(graph.bytes, fitted, input.parity) : null;
  await writeModelDirectory(input.dir, {
    onnx: graph.bytes,
    signature,
    example: splitFrame(input.example, graph.inputs),
    extraFiles: parity ? { [PARITY_FILE]: `${JSON.stringify({ ...parity, measure: PARITY_MEASURE }, null, 2)}\n` } : {},
  });
  return { signature, parity };
}
