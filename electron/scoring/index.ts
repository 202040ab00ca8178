/**
 * Batch scoring (`scoring.batch`, `workbench models predict`): a dataset of the
 * workspace, a CSV / TSV / Parquet / JSON file, or `file.duckdb::table`, read
 * in the workspace's DuckDB engine and scored in chunks by a registered model
 * on onnxruntime.
 *
 * - Only the model's columns are streamed to JavaScript (one streaming query,
 *   DuckDB's 2,048-row chunks gathered into `chunkRows` batches); numbers come
 *   as DOUBLE, low-cardinality text as an ENUM of the values the first 8,192
 *   rows showed, any other value beside it as text.
 * - The predictions go to a table of the engine in read order; the output is
 *   one COPY of the input joined to them by position (DuckDB's positional
 *   scan, one thread, both sides in order). Text files and views are copied
 *   into a table first, so both reads see the same rows in the same order.
 * - Output columns: the input's, in order, with the predictions in place of an
 *   input column of the same name; then the new ones. The model's `prediction`
 *   output (else its first) is `column`; every other output `o` is
 *   `<column>_<o>`: a workbench classifier adds `prediction_probability_<class>`.
 *   A `[N, k]` output spreads over `<column>_<o>_0` .. `_k-1`.
 * - The file is written beside the target under a temporary name, synced and
 *   renamed: a failed or cancelled batch leaves nothing. Parquet key-value
 *   metadata records `workbench.model_uri`, `workbench.model_name`,
 *   `workbench.model_version`, `workbench.prediction_column`, `workbench.source`
 *   and `workbench.scored_at`.
 * - Output kind `dataset`: `<workspace>/data/scored/<name>.parquet`, then added
 *   as a dataset whose description names the model version.
 */
export { createScoringService, SCORED_FOLDER } from './service';
export type { BatchScoreInput, BatchScoreResult, ModelResolver, ScoringService, ScoringServiceOptions } from './service';
