import { pipelineSpecSchema, trainSettingsSchema, type Algorithm, type PipelineSpec, type TaskKind } from '../../shared/contract';
import type { ModelWeights, Trainer } from '../training/engine';
import { encodeTarget, fitPipeline, transformFrame, type FittedPipeline, type Frame, type FrameColumn } from '../training/pipeline';
import type { ColumnarInput } from './tensors';

/**
 * A small table with every kind of column the pipeline handles (numbers with
 * gaps, a date, text with gaps and rare values, numbers used as categories, an
 * ID to drop), three targets, and test rows holding a category never seen in
 * training. Seeded: the same table every run.
 */

export const TRAIN_ROWS = 200;
export const TEST_ROWS = 60;
const ROWS = TRAIN_ROWS + TEST_ROWS;

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLANS = ['basic', 'basic', 'basic', 'plus', 'plus', 'pro', 'team', 'legacy'];

export function makeFrame(): Frame {
  const random = mulberry32(20240601);
  const age = new Float64Array(ROWS);
  const income = new Float64Array(ROWS);
  const joined = new Float64Array(ROWS);
  const region = new Float64Array(ROWS);
  const plan: (string | null)[] = [];
  const yBin: string[] = [];
  const yMulti: string[] = [];
  const yReg = new Float64Array(ROWS);
  for (let r = 0; r < ROWS; r++) {
    age[r] = random() < 0.1 ? NaN : Math.round(18 + random() * 50);
    income[r] = Math.round(20_000 + random() * 80_000);
    joined[r] = random() < 0.05 ? NaN : Date.UTC(2015, 0, 1) + Math.floor(random() * 3000) * 86_400_000;
    region[r] = random() < 0.1 ? NaN : [1, 2, 3, 2.5][Math.floor(random() * 4)] ?? 1;
    const test = r >= TRAIN_ROWS;
    plan[r] = random() < 0.08 ? null : test && r % 7 === 0 ? 'platinum' : (PLANS[Math.floor(random() * PLANS.length)] ?? 'basic');
    const score = ((age[r] || 40) - 40) / 15 + ((income[r] ?? 0) - 60_000) / 30_000 + (plan[r] === 'pro' ? 1 : 0) + (random() - 0.5);
    yBin[r] = score > 0 ? 'yes' : 'no';
    yMulti[r] = score > 0.7 ? 'high' : score < -0.7 ? 'low' : 'mid';
    yReg[r] = 3 * score + 10 + random();
  }
  const columns: FrameColumn[] = [
    { name: 'id', kind: 'number', values: Float64Array.from({ length: ROWS }, (_, r) => r) },
    { name: 'age', kind: 'number', values: age },
    { name: 'income', kind: 'number', values: income },
    { name: 'joined', kind: 'number', date: true, values: joined },
    { name: 'plan', kind: 'string', values: plan },
    { name: 'region', kind: 'number', values: region },
    { name: 'churn', kind: 'string', values: yBin },
    { name: 'tier', kind: 'string', values: yMulti },
    { name: 'spend', kind: 'number', values: yReg },
  ];
  return { rows: ROWS, columns };
}

const targets: Record<TaskKind, string> = { binary: 'churn', multiclass: 'tier', regression: 'spend' };

/** Every transformer: impute (mean, median, most frequent, constant), standardize, minmax, onehot with "other", bucketize; a dropped column; a date. */
export function fullSpec(task: TaskKind): PipelineSpec {
  return pipelineSpecSchema.parse({
    target: targets[task],
    task,
    columns: [
      { column: 'id', role: 'drop' },
      { column: 'age', role: 'numeric', steps: [{ op: 'impute', strategy: 'mean' }, { op: 'standardize' }] },
      { column: 'income', role: 'numeric', steps: [{ op: 'minmax' }] },
      { column: 'income', role: 'numeric', steps: [{ op: 'bucketize', bins: 4, strategy: 'quantile' }] },
      { column: 'joined', role: 'numeric', steps: [{ op: 'impute', strategy: 'median' }, { op: 'standardize' }] },
      { column: 'plan', role: 'categorical', steps: [{ op: 'impute', strategy: 'most_frequent' }, { op: 'onehot', maxCategories: 4 }] },
      { column: 'region', role: 'categorical', steps: [{ op: 'impute', strategy: 'constant' }, { op: 'onehot' }] },
    ],
  });
}

export const rowsOf = (from: number, to: number): Int32Array => Int32Array.from({ length: to - from }, (_, i) => from + i);

/** The raw columns of `rows`, as a scorer takes them. */
export function columnar(frame: Frame, columns: string[], rows: Int32Array): ColumnarInput {
  const out: ColumnarInput['columns'] = {};
  for (const name of columns) {
    const column = frame.columns.find((c) => c.name === name);
    if (!column) throw new Error(`no column ${name}`);
    out[name] = column.kind === 'number' ? Float64Array.from(rows, (row) => column.values[row] ?? NaN) : Array.from(rows, (row) => column.values[row] ?? null);
  }
  return { rows: rows.length, columns: out };
}

export interface Trained {
  fitted: FittedPipeline;
  weights: ModelWeights;
  /** TF.js's outputs on the test rows. */
  expected: Float32Array;
}

/** Fits the pipeline on the training rows and trains the network with the engine; TF.js predicts the test rows. */
export async function train(trainer: Trainer, frame: Frame, spec: PipelineSpec, algorithm: Algorithm): Promise<Trained> {
  const trainRows = rowsOf(0, TRAIN_ROWS);
  const fitted = fitPipeline(spec, frame, trainRows);
  const features = transformFrame(fitted, frame, trainRows);
  const classes = fitted.classes?.length ?? 0;
  await trainer.fit(
    {
      task: fitted.task,
      classes,
      algorithm,
      settings: trainSettingsSchema.parse({ epochs: 6, batchSize: 32, learningRate: 0.05, seed: 3 }),
      train: { x: features.x, y: encodeTarget(fitted, frame, trainRows), rows: features.rows, width: features.width },
      validation: null,
    },
    { signal: new AbortController().signal },
  );
  const test = transformFrame(fitted, frame, rowsOf(TRAIN_ROWS, TRAIN_ROWS + TEST_ROWS));
  return { fitted, weights: await trainer.exportModel(), expected: await trainer.predict(test.x, test.rows) };
}
