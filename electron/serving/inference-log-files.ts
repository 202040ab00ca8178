import { readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The segments of one model's inference log on disk:
 * `<root>/<model>/<yyyy-mm-dd>/<epoch ms, 13 digits>-<random>.parquet`, so the
 * path order is the time order. Files being written are dot-files ending in
 * `.tmp`: neither listed here nor matched by the dataset's `**\/*.parquet`.
 */

export interface Segment {
  path: string;
  bytes: number;
  modifiedMs: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SEGMENT = /^\d{13}-[0-9a-f]+\.parquet$/;

/** A model's folder name: its registry name with anything outside [A-Za-z0-9._-] replaced. */
export const modelFolder = (model: string): string => model.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');

/** The dataset the log is registered as: `inference_<model>`, within the data service's name rule. */
export const datasetNameOf = (model: string): string => `inference_${model.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 63);

export const dayOf = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

export const segmentName = (firstMs: number, random: string): string => `${String(Math.max(0, Math.floor(firstMs))).padStart(13, '0')}-${random}.parquet`;

/** Oldest first. A folder that vanishes underneath (another server pruning) counts as empty. */
export function listSegments(modelDir: string): Segment[] {
  const out: Segment[] = [];
  for (const day of safeList(modelDir).filter((name) => DAY.test(name)).sort()) {
    for (const file of safeList(join(modelDir, day)).filter((name) => SEGMENT.test(name)).sort()) {
      const path = join(modelDir, day, file);
      try {
        const stats = statSync(path);
        out.push({ path, bytes: stats.size, modifiedMs: stats.mtimeMs });
      } catch {
        // Removed meanwhile.
      }
    }
  }
  return out;
}

export interface Limits {
  /** The most bytes a model's log may hold. */
  maxBytes: number;
  /** Segments last written longer ago than this go. */
  retentionDays: number;
}

/**
 * Deletes segments past the retention, then the oldest until the total is
 * within the cap (the newest too, if it alone is larger), and the day folders
 * left empty. Works on a known list (oldest first), so a flush never rescans
 * the folder; answers the segments kept.
 */
export function enforceLimits(modelDir: string, segments: readonly Segment[], limits: Limits, now = Date.now()): { kept: Segment[]; removed: number; bytes: number } {
  const oldest = now - limits.retentionDays * 86_400_000;
  let total = segments.reduce((sum, s) => sum + s.bytes, 0);
  const kept: Segment[] = [];
  for (const segment of segments) {
    if (segment.modifiedMs < oldest || total > limits.maxBytes) {
      rmSync(segment.path, { force: true });
      total -= segment.bytes;
    } else {
      kept.push(segment);
    }
  }
  const removed = segments.length - kept.length;
  if (removed > 0) {
    for (const day of safeList(modelDir).filter((name) => DAY.test(name))) {
      try {
        rmdirSync(join(modelDir, day));
      } catch {
        // Not empty (or gone): kept.
      }
    }
  }
  return { kept, removed, bytes: total };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
