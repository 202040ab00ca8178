import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isWorkbenchError, parityCheckSchema, WorkbenchError, type ModelSignature, type ParityCheck } from '../../shared/contract';
import { readPackage } from '../packaging';
import type { BlobStore } from './blobs';
import type { NewVersionRecord, RegistryStore } from './store';

/** A package read and checked: its signature, its parity check, and every file it holds. */
export interface CheckedPackage {
  dir: string;
  mlmodel: Record<string, unknown>;
  signature: ModelSignature;
  parity: ParityCheck | null;
  files: { path: string; full: string }[];
}

function modelInvalid(message: string, details: Record<string, unknown>): WorkbenchError {
  return new WorkbenchError('model_invalid', message, details);
}

/** Every regular file below `dir`, as `/`-separated relative paths (links to files are followed, links to folders are not). */
export function packageFiles(dir: string): { path: string; full: string }[] {
  const out: { path: string; full: string }[] = [];
  const walk = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(folder, entry.name);
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(full, path);
      else if (entry.isFile() || (entry.isSymbolicLink() && statSync(full, { throwIfNoEntry: false })?.isFile() === true)) out.push({ path, full });
    }
  };
  walk(dir, '');
  return out;
}

function readParity(dir: string): ParityCheck | null {
  const file = join(dir, 'parity.json');
  if (!existsSync(file)) return null;
  const parsed = parityCheckSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw modelInvalid(`${file} is not a parity check record (${parsed.error.issues[0]?.message ?? 'wrong shape'}).`, { path: file });
  return parsed.data;
}

/** Checks an MLflow model directory with an onnx flavour (through the packaging service) and lists its files. */
export async function checkPackage(dir: string, what: string): Promise<CheckedPackage> {
  if (!existsSync(dir)) throw new WorkbenchError('not_found', `${what === dir ? dir : `${what} (${dir})`} does not exist.`, { path: dir });
  if (!existsSync(join(dir, 'MLmodel'))) {
    throw modelInvalid(`${what} is not an MLflow model directory: ${join(dir, 'MLmodel')} is missing.`, { path: dir });
  }
  try {
    const { mlmodel, signature } = await readPackage(dir);
    return { dir, mlmodel, signature, parity: readParity(dir), files: packageFiles(dir) };
  } catch (error) {
    if (isWorkbenchError(error)) throw error;
    throw modelInvalid(`${what} could not be read as a model package: ${error instanceof Error ? error.message : String(error)}`, { path: dir });
  }
}

/**
 * Stores a checked package's files as blobs and records the new version, in
 * one transaction. If anything fails, the blobs it stored that no version uses
 * are removed again, so a failed import leaves nothing behind. Callers run one
 * ingest at a time per workspace (see the service's queue), so no other
 * import is using those blobs.
 */
export async function ingest(input: {
  store: RegistryStore;
  blobs: BlobStore;
  pkg: CheckedPackage;
  record: Omit<NewVersionRecord, 'files' | 'signature' | 'parity'>;
  createModel: boolean;
  signal?: AbortSignal;
  progress?: (fraction: number, message: string) => void;
}): Promise<number> {
  const { store, blobs, pkg } = input;
  const touched: string[] = [];
  try {
    const files: NewVersionRecord['files'] = [];
    for (const [index, file] of pkg.files.entries()) {
      input.signal?.throwIfAborted();
      input.progress?.(index / pkg.files.length, `Storing ${file.path}`);
      const blob = await blobs.put(file.full, input.signal);
      blobs.held.add(blob.sha256);
      touched.push(blob.sha256);
      files.push({ path: file.path, size: blob.size, sha256: blob.sha256 });
    }
    input.signal?.throwIfAborted();
    return store.write(() => {
      if (!store.hasModel(input.record.name)) {
        if (!input.createModel) throw new WorkbenchError('not_found', `Registered model "${input.record.name}" does not exist; create it first.`, { name: input.record.name });
        store.createModel(input.record.name, '', {});
      }
      return store.insertVersion({ ...input.record, signature: pkg.signature, parity: pkg.parity, files });
    });
  } catch (error) {
    // Also blobs that were there before: a version deleted meanwhile left them to this import.
    for (const hash of touched) if (store.references(hash) === 0) blobs.remove(hash);
    throw error;
  } finally {
    for (const hash of touched) blobs.held.delete(hash);
  }
}
