import type { MlflowRoute, TrackingService } from '../../tracking';
import type { LocalRegistry } from '../types';
import { registeredModelRoutes } from './models-routes';
import { modelVersionRoutes } from './versions-routes';

/**
 * MLflow's model-registry REST API (`/api/2.0/mlflow/registered-models/*`,
 * `/model-versions/*`) on the local registry, for the tracking server's
 * handler to answer beside the tracking routes (`createMlflowHandler`'s
 * `extraRoutes`). Shapes as in MLflow's model_registry.proto.
 */
export function createRegistryMlflowRoutes(registry: () => LocalRegistry, tracking: () => TrackingService): MlflowRoute[] {
  return [...registeredModelRoutes(registry), ...modelVersionRoutes(registry, tracking)];
}
