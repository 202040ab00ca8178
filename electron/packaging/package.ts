import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { WorkbenchError, type ModelSignature } from '../../shared/contract';
import { readGraphInfo, type GraphInfo } from './graph-info';
import { MLMODEL, writeModelDirectory } from './mlmodel';
import { createSession, scorerFor, type Scorer } from './scorer';
import { signatureFromGraph, parseSignature } from './signature';

export interface ModelPackage {
  mlmodel: Record<string, unknown>;
  signature: ModelSignature;
  /** The graph's absolute path. */
  onnxFile: string;
  /** Every file of the directory, relative, with forward slashes, sorted. */
  files: string[];
}

function invalid(file: string, message: string): WorkbenchError {
  return new WorkbenchError('model_invalid', `${file}: ${message}`, { file });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

async function readMlmodel(dir: string): Promise<{ mlmodel: Record<string, unknown>; file: string }> {
  const file = join(dir, MLMODEL);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(file, code === 'ENOENT' ? 'there is no MLmodel file: not an MLflow model directory.' : `cannot be read (${code ?? String(error)}).`);
  }
  let mlmodel: unknown;
  try {
    mlmodel = parse(text);
  } catch (error) {
    throw invalid(file, `is not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`);
  }
  if (!isRecord(mlmodel)) throw invalid(file, 'is not a YAML mapping.');
  return { mlmodel, file };
}

/** The onnx flavour's graph file, inside the directory. */
function onnxPathOf(dir: string, mlmodel: Record<string, unknown>, file: string): string {
  const flavors = mlmodel.flavors;
  const flavor = isRecord(flavors) ? flavors.onnx : undefined;
  if (!isRecord(flavor)) {
    const found = isRecord(flavors) ? Object.keys(flavors).join(', ') : 'none';
    throw invalid(file, `has no onnx flavour (flavours: ${found || 'none'}); only ONNX models can be registered and served.`);
  }
  const data = flavor.data ?? 'model.onnx';
  if (typeof data !== 'string' || data === '' || isAbsolute(data)) throw invalid(file, 'flavors.onnx.data is not a relative path.');
  const root = resolve(dir);
  const path = resolve(root, data);
  if (path !== root && !path.startsWith(root + sep)) throw invalid(file, `flavors.onnx.data "${data}" points outside the model directory.`);
  return path;
}

async function readOnnx(path: string): Promise<{ bytes: Uint8Array; info: GraphInfo }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(path, code === 'ENOENT' ? 'the ONNX file named by the MLmodel is not there.' : `cannot be read (${code ?? String(error)}).`);
  }
  return { bytes, info: readGraphInfo(bytes, path) };
}

async function loadPackage(dir: string): Promise<ModelPackage & { info: GraphInfo }> {
  const { mlmodel, file } = await readMlmodel(dir);
  const onnxFile = onnxPathOf(dir, mlmodel, file);
  const { info } = await readOnnx(onnxFile);
  const signature = parseSignature(mlmodel.signature, file) ?? signatureFromGraph(info);
  return { mlmodel, signature, onnxFile, files: await listFiles(dir), info };
}

/** Parses a model directory: MLmodel, signature (from MLmodel, else read from the graph), the onnx file. */
export async function readPackage(dir: string): Promise<ModelPackage> {
  const { info: _info, ...pkg } = await loadPackage(dir);
  return pkg;
}

/** Opens an MLflow model directory (MLmodel with an onnx flavour) on onnxruntime-node. */
export async function openScorer(packageDir: string): Promise<Scorer> {
  const pkg = await loadPackage(packageDir);
  return scorerFor(pkg.onnxFile, pkg.onnxFile, pkg.info, pkg.signature);
}

/** A bare .onnx file wrapped into an MLflow model directory in `dir` (signature read from the graph). */
export async function packageOnnxFile(onnxPath: string, dir: string): Promise<void> {
  const { bytes, info } = await readOnnx(onnxPath);
  if (info.externalData) throw invalid(onnxPath, 'keeps its weights in external data files; add it as an MLflow model directory holding them instead.');
  // Refuse what onnxruntime cannot load now, rather than at serving time.
  const session = await createSession(bytes, onnxPath);
  await session.release();
  await writeModelDirectory(dir, { onnx: bytes, signature: signatureFromGraph(info), example: null });
}
