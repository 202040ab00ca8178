export { createTrackingService } from './service';
export type { TrackingService, TrackingServiceOptions } from './service';
export { createMlflowHandler, isMlflowPath, sendMlflowError } from './mlflow/http';
export type { MlflowHandler } from './mlflow/http';
export { pageToken, pageTokenOffset } from './mlflow/request';
export type { Call as MlflowCall, Input as MlflowInput, Route as MlflowRoute } from './mlflow/request';
export { PID_TAG, SOURCE_TAG } from './store';
