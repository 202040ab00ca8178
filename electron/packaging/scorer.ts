import * as ort from 'onnxruntime-node';
import { WorkbenchError, type ModelSignature } from '../../shared/contract';
import { buildFeeds, planFeeds, type Feed } from './feeds';
import type { GraphInfo } from './graph-info';
import type { ColumnarInput } from './tensors';

export interface ScoreResult {
  rows: number;
  outputs: { name: string; dims: number[]; values: number[] | string[] }[];
}

export interface Scorer {
  readonly signature: ModelSignature;
  /** `invalid_input` naming the column (and row) for a missing column, a wrong type, or a missing value where the model takes none. */
  score(input: ColumnarInput, options?: { signal?: AbortSignal }): Promise<ScoreResult>;
  release(): Promise<void>;
}

const sessionOptions: ort.InferenceSession.SessionOptions = { executionProviders: ['cpu'], graphOptimizationLevel: 'all' };

/** An onnxruntime session on a file (external data beside it loads too) or bytes; `model_invalid` naming `file` if onnxruntime refuses it. */
export async function createSession(source: string | Uint8Array, file: string): Promise<ort.InferenceSession> {
  try {
    return typeof source === 'string' ? await ort.InferenceSession.create(source, sessionOptions) : await ort.InferenceSession.create(source, sessionOptions);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WorkbenchError('model_invalid', `${file}: onnxruntime cannot load the model (${reason.slice(0, 500)}).`, { file });
  }
}

function valuesOf(tensor: ort.Tensor): number[] | string[] {
  const data = tensor.data;
  if (Array.isArray(data)) return data.map(String);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Array.from(data, Number);
  return Array.from(data as ArrayLike<number>);
}

function cancelled(): WorkbenchError {
  return new WorkbenchError('cancelled', 'Scoring was cancelled.');
}

class OnnxScorer implements Scorer {
  /** Tensor outputs only: a ZipMap's sequence of maps does not cross into JavaScript. */
  private readonly fetches: string[];
  private released = false;

  constructor(
    private readonly session: ort.InferenceSession,
    private readonly feeds: Feed[],
    readonly signature: ModelSignature,
    info: GraphInfo,
  ) {
    this.fetches = info.outputs.filter((output) => output.elemType !== null).map((output) => output.name);
  }

  async score(input: ColumnarInput, options: { signal?: AbortSignal } = {}): Promise<ScoreResult> {
    const { signal } = options;
    if (signal?.aborted) throw cancelled();
    if (this.released) throw new WorkbenchError('unavailable', 'This scorer has been released.');
    const feeds = buildFeeds(this.feeds, input);
    let results: ort.InferenceSession.OnnxValueMapType;
    try {
      results = await this.session.run(feeds, this.fetches);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new WorkbenchError('invalid_input', `The model could not score these rows: ${reason.slice(0, 500)}`);
    }
    if (signal?.aborted) throw cancelled();
    const outputs = this.fetches.map((name) => {
      const tensor = results[name];
      if (!tensor) throw new WorkbenchError('internal', `onnxruntime gave no output "${name}".`);
      return { name, dims: tensor.dims.map(Number), values: valuesOf(tensor) };
    });
    return { rows: input.rows, outputs };
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.session.release();
  }
}

export async function scorerFor(source: string | Uint8Array, file: string, info: GraphInfo, signature: ModelSignature, options: { allowMissing?: boolean } = {}): Promise<Scorer> {
  const feeds = planFeeds(info, signature, file, options);
  return new OnnxScorer(await createSession(source, file), feeds, signature, info);
}
