import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** The rules of one `.gitignore` (or `.git/info/exclude`), relative to the folder it sits in. */
interface Layer {
  /** The folder the rules are relative to: '' for the workspace root, else `a/b/`. */
  base: string;
  rules: Ignore;
}

interface CachedLayer {
  key: string;
  layer: Layer | null;
}

/**
 * Git's ignore rules, folder by folder: `.git/info/exclude`, then each
 * `.gitignore` from the root down, a deeper file overriding a shallower one
 * (a `!pattern` can re-include). Matching itself is the `ignore` package;
 * this keeps one matcher per file, re-read only when the file's stat changes.
 */
export class IgnoreRules {
  private readonly files = new Map<string, CachedLayer>();

  constructor(
    private readonly dir: string,
    private readonly gitdir: string,
  ) {}

  /** The layers that apply inside folder `folder` ('' or `a/b/`), root first. */
  layersFor(parent: readonly Layer[], folder: string): Layer[] {
    const own = this.load(join(this.dir, folder, '.gitignore'), folder);
    return own ? [...parent, own] : [...parent];
  }

  rootLayers(): Layer[] {
    const exclude = this.load(join(this.gitdir, 'info', 'exclude'), '');
    return this.layersFor(exclude ? [exclude] : [], '');
  }

  /** Whether `path` (relative to the workspace; folders end with '/') is ignored under `layers`. */
  static ignores(layers: readonly Layer[], path: string): boolean {
    let ignored = false;
    for (const layer of layers) {
      const result = layer.rules.test(path.slice(layer.base.length));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  private load(file: string, base: string): Layer | null {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) {
      this.files.delete(file);
      return null;
    }
    const key = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    const cached = this.files.get(file);
    if (cached?.key === key) return cached.layer;
    let layer: Layer | null = null;
    try {
      layer = { base, rules: ignore().add(readFileSync(file, 'utf8')) };
    } catch {
      // An unreadable .gitignore ignores nothing, as in git.
    }
    this.files.set(file, { key, layer });
    return layer;
  }
}

export type { Layer as IgnoreLayer };
