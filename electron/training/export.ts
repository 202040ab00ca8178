import { join } from 'node:path';
import type { ParityCheck } from '../../shared/contract';
import type { Logger } from '../log';
import { exportRunModel, type ColumnarInput } from '../packaging';
import type { TrackingService } from '../tracking';
import type { ModelWeights } from './engine';
import type { FittedPipeline, Frame } from './pipeline';

const EXAMPLE_ROWS = 5;

/** The raw values of the given columns and rows, as a scorer takes them (numbers with NaN for missing, strings with null). */
export function columnarOf(frame: Frame, columns: readonly string[], rows: Int32Array): ColumnarInput {
  const out: ColumnarInput['columns'] = {};
  for (const name of columns) {
    const column = frame.columns.find((c) => c.name === name);
    if (!column) continue;
    if (column.kind === 'number') out[name] = Float64Array.from(rows, (row) => column.values[row] ?? Number.NaN);
    else out[name] = Array.from(rows, (row) => column.values[row] ?? null);
  }
  return { rows: rows.length, columns: out };
}

/**
 * Writes the run's model as an MLflow model directory (`model/MLmodel`,
 * `model/model.onnx`, an input example) and checks that onnxruntime gives the
 * TF.js predictions on the test split. A failed export is recorded on the run
 * and logged, but does not fail the training: the run keeps its weights.
 */
export async function exportModel(input: {
  tracking: TrackingService;
  log: Logger;
  runId: string;
  fitted: FittedPipeline;
  weights: ModelWeights;
  frame: Frame;
  testRows: Int32Array;
  testOutput: Float32Array;
}): Promise<ParityCheck | null> {
  const { tracking, runId } = input;
  try {
    const { parity } = await exportRunModel({
      dir: join(tracking.artifactDirectory(runId), 'model'),
      fitted: input.fitted,
      weights: input.weights,
      example: columnarOf(input.frame, input.fitted.inputColumns, input.testRows.subarray(0, EXAMPLE_ROWS)),
      parity: { input: columnarOf(input.frame, input.fitted.inputColumns, input.testRows), expected: input.testOutput },
    });
    if (parity) {
      tracking.setTags(runId, { 'workbench.onnx.parity': parity.passed ? 'passed' : 'failed', 'workbench.onnx.maxAbsDiff': String(parity.maxAbsDiff) });
    }
    return parity;
  } catch (error) {
    input.log.warn('the model could not be exported to ONNX', { runId, error: String(error) });
    tracking.setTags(runId, { 'workbench.onnx.error': error instanceof Error ? error.message.slice(0, 5000) : String(error) });
    return null;
  }
}
