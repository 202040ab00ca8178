import { rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { z } from 'zod';
import { batchScoreInput, datasetName, WorkbenchError, type batchScoreResultSchema } from '../../shared/contract';
import type { DataService } from '../data';
import type { JobContext } from '../jobs';
import type { Logger } from '../log';
import { openScorer, type Scorer } from '../packaging';
import type { WorkspaceService } from '../workspace';
import { InputBatch, planInputs, streamSelect, useDictionaries, type InputPlan } from './inputs';
import { outputValues, planOutputs, type OutputColumn } from './outputs';
import { openSource, rethrowFor, type ScoringSource } from './source';
import { refuseOverwritingInput, ScoringTables } from './writer';

export type BatchScoreInput = z.output<typeof batchScoreInput>;
export type BatchScoreResult = z.output<typeof batchScoreResultSchema>;

/** What batch scoring needs of the registry: a model URI turned into a package on disk. */
export interface ModelResolver {
  resolve(uri: string): { name: string; version: number; packageDir: string } | Promise<{ name: string; version: number; packageDir: string }>;
}

export interface ScoringService {
  /** The `scoring.batch` job: scores the input in chunks and writes a new Parquet file. */
  batch(input: BatchScoreInput, context: JobContext): Promise<BatchScoreResult>;
}

export interface ScoringServiceOptions {
  workspace: WorkspaceService;
  data: DataService;
  registry: ModelResolver;
  log: Logger;
}

/** Scored datasets are written here, inside the workspace, then registered. */
export const SCORED_FOLDER = join('data', 'scored');

export function createScoringService({ workspace, data, registry, log }: ScoringServiceOptions): ScoringService {
  return {
    async batch(raw, context) {
      const input = batchScoreInput.parse(raw);
      const started = performance.now();
      const root = workspace.active().info.path;
      const model = await registry.resolve(input.model);
      const source = await openSource(data, input.input, root, context.signal);
      const target = targetPath(input.output, root, data);
      refuseOverwritingInput(target, source.files);

      const scorer = await openScorer(model.packageDir);
      let rows: number;
      try {
        const plans = planInputs(scorer.signature, source.columns, source.label);
        const outputs = planOutputs(scorer.signature, input.column);
        const metadata = {
          'workbench.model_uri': input.model,
          'workbench.model_name': model.name,
          'workbench.model_version': String(model.version),
          'workbench.prediction_column': input.column,
          'workbench.source': source.label,
          'workbench.scored_at': new Date().toISOString(),
        };
        rows = await scoreInto(target, { source, scorer, plans, outputs, chunkRows: input.chunkRows, metadata, context });
      } finally {
        await scorer.release();
      }

      if (input.output.kind === 'dataset') {
        try {
          const { datasets } = await data.add({ path: target, name: input.output.name, format: 'parquet' }, context);
          const [added] = datasets;
          if (added) data.describe(added.id, `Scored by models:/${model.name}/${model.version} from ${source.label}.`);
        } catch (error) {
          rmSync(target, { force: true });
          throw error;
        }
      }
      const seconds = (performance.now() - started) / 1000;
      log.info('batch scored', { model: input.model, version: model.version, rows, output: target, seconds });
      return { rows, output: target, model: model.name, version: model.version, seconds };
    },
  };
}

function targetPath(output: BatchScoreInput['output'], root: string, data: DataService): string {
  if (output.kind === 'parquet') return isAbsolute(output.path) ? output.path : resolve(root, output.path);
  const name = datasetName.safeParse(output.name);
  if (!name.success) throw new WorkbenchError('invalid_input', `"${output.name}" cannot name a dataset: ${name.error.issues[0]?.message ?? 'invalid'}.`, { field: 'output.name' });
  if (data.list().some((d) => d.name.toLowerCase() === name.data.toLowerCase())) {
    throw new WorkbenchError('dataset_exists', `A dataset named "${name.data}" exists already; choose another name.`, { name: name.data });
  }
  return join(root, SCORED_FOLDER, `${name.data}.parquet`);
}

interface ScoreJob {
  source: ScoringSource;
  scorer: Scorer;
  plans: InputPlan[];
  outputs: OutputColumn[];
  chunkRows: number;
  metadata: Record<string, string>;
  context: JobContext;
}

/**
 * Streams the model's columns once, scoring every `chunkRows` rows, then writes
 * the input with the predictions to Parquet, atomically. Progress: copying a
 * text input 0-10%, scoring to 90%, writing the rest.
 */
async function scoreInto(target: string, job: ScoreJob): Promise<number> {
  const { source, scorer, context } = job;
  const { signal } = context;
  const { engine } = source;
  return engine.connect(async (connection) => {
    const tables = await ScoringTables.open(connection, engine, source, job.outputs, signal, (f) => context.progress(0.1 * f, `Reading ${source.label}`));
    try {
      const relation = tables.relation;
      const total = Number((await engine.query(`SELECT count(*) FROM ${relation}`, { signal }).catch(rethrowFor(source.label))).rows[0]?.[0] ?? 0);
      const plans = await useDictionaries(engine, relation, job.plans, signal);
      const start = source.copy ? 0.1 : 0;
      context.progress(start, `Scoring ${total.toLocaleString('en-US')} rows`);
      const batch = new InputBatch(plans, source.label, job.chunkRows);
      let done = 0;
      const flush = async (): Promise<void> => {
        const rows = batch.rows;
        const result = await scorer.score(batch.take(), { signal }).catch((error: unknown) => {
          throw atRow(error, source.label, done);
        });
        await tables.appendPredictions(outputValues(job.outputs, result, rows), rows);
        done += rows;
        context.progress(start + ((0.9 - start) * done) / Math.max(1, total), `Scored ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`);
      };
      await engine.connect(async (reader) => {
        const result = await reader.stream(streamSelect(plans, relation));
        for (let read = 0; ; ) {
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) break;
          for (let offset = 0; offset < chunk.rowCount; ) {
            const take = Math.min(chunk.rowCount - offset, job.chunkRows - batch.rows);
            batch.add(chunk, read, offset, offset + take);
            offset += take;
            if (batch.rows >= job.chunkRows) await flush();
          }
          read += chunk.rowCount;
          if (signal.aborted) throw new WorkbenchError('cancelled', 'Batch scoring was cancelled.');
        }
      }, { signal });
      if (batch.rows > 0) await flush();
      context.progress(0.9, `Writing ${target}`);
      const written = await tables.write(target, source.columns.map((c) => c.name), job.outputs, job.metadata);
      if (written !== done) throw new WorkbenchError('data_unreadable', `${source.label} changed while it was scored (${done} rows scored, ${written} written).`);
      return done;
    } finally {
      await tables.drop();
    }
  }, { signal });
}

/** The scorer names a row of its batch; the user wants the row of the input. */
function atRow(error: unknown, label: string, before: number): unknown {
  if (!(error instanceof WorkbenchError) || error.code !== 'invalid_input') return error;
  const row = typeof error.details?.row === 'number' ? before + error.details.row + 1 : null;
  const message = row === null ? error.message : error.message.replace(/\brow \d+/, `row ${row}`);
  return new WorkbenchError('invalid_input', `${label}: ${message}`, { ...error.details, ...(row === null ? {} : { row }) });
}
