/**
 * Local model servers: node:http on 127.0.0.1 (unless told otherwise), one
 * port for one or more registered models, scored by onnxruntime-node through
 * electron/packaging's scorers.
 *
 * Routes (the first model is the server's default):
 * - MLflow's scoring protocol, as `mlflow models serve` answers it:
 *   `POST /invocations` (the first model) and `POST /models/{name}/invocations`
 *   (any), with JSON holding exactly one of dataframe_split, dataframe_records,
 *   instances or inputs (plus params), or a text/csv body; the answer is
 *   `{"predictions": [{output: value, ...} per row]}`. `GET /ping`, `/health`,
 *   `/version`.
 * - The Open Inference Protocol v2: `GET /v2`, `/v2/health/live`,
 *   `/v2/health/ready`, `/v2/models/{name}[/versions/{v}]`, `.../ready`;
 *   `POST /v2/models/{name}[/versions/{v}]/infer`.
 * - `GET /metrics`: Prometheus text (requests by model, route and status,
 *   errors, a latency histogram, the loaded version of each model).
 * Bad requests get 400 `{"error_code": "BAD_REQUEST", "message"}` naming the
 * column (v2 routes add OIP's `"error"`), 413 past the body limit (10 MB), 415
 * for other content types; columns the model does not take are ignored and
 * listed in `X-Workbench-Ignored-Columns`; `X-Workbench-Model-Version` says
 * which version answered. With a token, every route but the health checks
 * (/ping, /health, /v2/health/*) needs `Authorization: Bearer <token>`.
 * When an alias a server serves moves, the new version is loaded, then swapped
 * in; requests in flight finish on the old one, which is released after them.
 */
export { createServingService } from './service';
export type { ServingService, ServingServiceOptions, StartServerOptions } from './service';
export type { ModelSource, OpenScorer, Scorer, ScoreResult, ColumnarInput, ResolvedModel } from './types';
export { DEFAULT_BODY_LIMIT } from './body';
