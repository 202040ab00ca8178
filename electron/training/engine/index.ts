/**
 * The TensorFlow.js training engine: linear, logistic and softmax regression
 * and MLPs, trained in a worker thread on the first backend that loads
 * (tensorflow-gpu, webgpu, tensorflow, wasm, cpu), with progress, cancellation,
 * early stopping, class weights and seeded, reproducible runs.
 */
export { listBackends } from './probe';
export { createTrainer } from './trainer';
export type { BatchReport, DenseLayerWeights, EpochReport, FitHooks, FitInput, FitSummary, LayerActivation, ModelWeights, TrainData, Trainer } from './types';
