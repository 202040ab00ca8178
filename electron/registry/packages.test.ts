import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers';
import { BlobStore } from './blobs';
import { PackageFolders } from './packages';

/** A blob store that runs `meanwhile` once, as the first file is linked: another process materialising the same package. */
class RacedBlobs extends BlobStore {
  constructor(
    root: string,
    private meanwhile: (() => void) | null,
  ) {
    super(root);
  }

  override linkTo(sha256: string, target: string): void {
    const run = this.meanwhile;
    this.meanwhile = null;
    run?.();
    super.linkTo(sha256, target);
  }
}

let dir: ReturnType<typeof tempDir>;
let blobs: BlobStore;
let files: { path: string; size: number; sha256: string }[];
beforeEach(async () => {
  dir = tempDir('packages-');
  blobs = new BlobStore(join(dir.path, 'blobs'));
  files = [];
  for (const [path, text] of [
    ['MLmodel', 'flavors: {}\n'],
    ['model/model.onnx', 'not really onnx, but bytes'],
  ] as const) {
    const source = join(dir.path, `source-${files.length}`);
    writeFileSync(source, text);
    const { sha256, size } = await blobs.put(source);
    files.push({ path, size, sha256 });
  }
});
afterEach(() => dir.cleanup());

const leftovers = (root: string): string[] => readdirSync(root).filter((entry) => entry.startsWith('.'));

describe('package folders', () => {
  it('keep a whole package that another process put in place meanwhile, instead of deleting it under its reader', () => {
    const root = join(dir.path, 'packages');
    const other = new PackageFolders(root, blobs);
    let theirs = 0;
    const raced = new RacedBlobs(blobs.root, () => {
      theirs = statSync(other.materialise('churn', 1, files)).ino;
    });
    const ours = new PackageFolders(root, raced).materialise('churn', 1, files);
    expect(theirs).toBeGreaterThan(0);
    expect(statSync(ours).ino).toBe(theirs);
    expect(readFileSync(join(ours, 'MLmodel'), 'utf8')).toBe('flavors: {}\n');
    expect(leftovers(root)).toEqual([]);
  });

  it('replace a broken package (a crash left it half made)', () => {
    const root = join(dir.path, 'packages');
    const folders = new PackageFolders(root, blobs);
    mkdirSync(join(folders.folder('churn', 1), 'model'), { recursive: true });
    writeFileSync(join(folders.folder('churn', 1), 'MLmodel'), 'trunc');
    const target = folders.materialise('churn', 1, files);
    expect(readFileSync(join(target, 'MLmodel'), 'utf8')).toBe('flavors: {}\n');
    expect(readFileSync(join(target, 'model', 'model.onnx'), 'utf8')).toBe('not really onnx, but bytes');
    expect(leftovers(root)).toEqual([]);
  });
});
