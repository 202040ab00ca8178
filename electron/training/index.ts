export { createTrainingService } from './service';
export type { TrainingService, TrainingServiceOptions } from './service';
export { listBackends } from './engine';
