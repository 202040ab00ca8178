/**
 * Models you can ship: a trained run (fitted pipeline + network) as one ONNX
 * graph in an MLflow model directory, with a parity check against TF.js; MLflow
 * model directories and bare ONNX files read and wrapped; scorers on
 * onnxruntime-node that turn tables into the graph's tensors.
 */
export { exportRunModel, PARITY_TOLERANCE } from './export';
export type { ExportInput } from './export';
export { openScorer, packageOnnxFile, readPackage } from './package';
export type { ModelPackage } from './package';
export type { Scorer, ScoreResult } from './scorer';
export type { ColumnarInput } from './tensors';
