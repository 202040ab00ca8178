import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { stringify } from 'yaml';
import type { ModelSignature } from '../../shared/contract';
import { toMlflowSchema } from './signature';

/**
 * MLflow's model directory, as `mlflow.onnx.save_model` writes it (MLflow 3):
 * `MLmodel`, the graph, the environment files `mlflow models serve` builds its
 * environment from, and the input example.
 */

export const MLMODEL = 'MLmodel';
export const ONNX_FILE = 'model.onnx';
const INPUT_EXAMPLE = 'input_example.json';
const SERVING_EXAMPLE = 'serving_input_example.json';

/** What the MLmodel file says wrote it; the graph itself needs onnx 1.14+ (IR 9, opset 19) and onnxruntime 1.17+. */
const MLFLOW_VERSION = '3.1.0';
const ONNX_VERSION = '1.17.0';
const PYTHON_VERSION = '3.11.9';
const REQUIREMENTS = ['mlflow>=2.10', 'onnx>=1.14', 'onnxruntime>=1.17'];

/** A table in pandas' split orientation. */
export interface SplitFrame {
  columns: string[];
  data: (number | string | boolean | null)[][];
}

export interface ModelDirectory {
  onnx: Uint8Array;
  signature: ModelSignature;
  example: SplitFrame | null;
  /** More files at the top of the directory (the parity record). */
  extraFiles?: Record<string, string>;
}

function utcNow(): string {
  // MLflow's format: '2025-06-01 12:34:56.789000'.
  return `${new Date().toISOString().replace('T', ' ').replace('Z', '')}000`;
}

export function mlmodelDocument(content: { signature: ModelSignature; hasExample: boolean; sizeBytes: number }): Record<string, unknown> {
  const { signature } = content;
  // Keys sorted, as MLflow's yaml.safe_dump writes them.
  return {
    artifact_path: 'model',
    flavors: {
      onnx: { code: null, data: ONNX_FILE, onnx_version: ONNX_VERSION, providers: ['CPUExecutionProvider'] },
      python_function: {
        data: ONNX_FILE,
        env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' },
        loader_module: 'mlflow.onnx',
        python_version: PYTHON_VERSION,
      },
    },
    is_signature_from_type_hint: false,
    mlflow_version: MLFLOW_VERSION,
    model_size_bytes: content.sizeBytes,
    model_uuid: randomUUID().replaceAll('-', ''),
    ...(content.hasExample
      ? { saved_input_example_info: { artifact_path: INPUT_EXAMPLE, pandas_orient: 'split', serving_input_path: SERVING_EXAMPLE, type: 'dataframe' } }
      : {}),
    signature: { inputs: toMlflowSchema(signature.inputs), outputs: toMlflowSchema(signature.outputs), params: null },
    type_hint_from_example: false,
    utc_time_created: utcNow(),
  };
}

/** YAML as PyYAML (YAML 1.1) reads it back: text that 1.1 would take for a date or a boolean is quoted. */
function toYaml(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0 });
}

function environmentFiles(): Record<string, string> {
  const conda = {
    channels: ['conda-forge'],
    dependencies: [`python=${PYTHON_VERSION}`, 'pip', { pip: REQUIREMENTS }],
    name: 'mlflow-env',
  };
  const pythonEnv = { python: PYTHON_VERSION, build_dependencies: ['pip', 'setuptools', 'wheel'], dependencies: ['-r requirements.txt'] };
  return {
    'conda.yaml': toYaml(conda),
    'python_env.yaml': toYaml(pythonEnv),
    'requirements.txt': `${REQUIREMENTS.join('\n')}\n`,
  };
}

/**
 * Writes the directory's files (each atomically), the MLmodel file last: a
 * directory with an MLmodel is complete. Files already there that are not the
 * package's own are left alone. Returns the files written.
 */
export async function writeModelDirectory(dir: string, content: ModelDirectory): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: Record<string, string | Uint8Array> = { [ONNX_FILE]: content.onnx, ...environmentFiles(), ...(content.extraFiles ?? {}) };
  if (content.example) {
    files[INPUT_EXAMPLE] = JSON.stringify(content.example);
    files[SERVING_EXAMPLE] = `${JSON.stringify({ dataframe_split: content.example }, null, 2)}\n`;
  }
  let sizeBytes = 0;
  for (const [name, data] of Object.entries(files)) {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    sizeBytes += bytes.byteLength;
    await writeFileAtomic(join(dir, name), bytes);
  }
  const mlmodel = toYaml(mlmodelDocument({ signature: content.signature, hasExample: content.example !== null, sizeBytes }));
  await writeFileAtomic(join(dir, MLMODEL), mlmodel);
  return [...Object.keys(files), MLMODEL].sort();
}
