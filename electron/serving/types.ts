import type { Scorer } from '../packaging';

export type { ColumnarInput, Scorer, ScoreResult } from '../packaging';

/** Opens a model directory for scoring: electron/packaging's `openScorer`, unless a test hands in another. */
export type OpenScorer = (packageDir: string) => Promise<Scorer>;

export interface ResolvedModel {
  name: string;
  version: number;
  packageDir: string;
}

/** The registry as a server sees it: URIs resolved to model directories, and alias moves. */
export interface ModelSource {
  resolve(uri: string): ResolvedModel;
  onAliasChange(listener: (name: string, alias: string, version: number | null) => void): () => void;
}
