import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { MonitoringReport, ReportSpecInput } from '../../shared/contract';
import { openTestBackend, type TestBackend } from '../../test/backend';
import type { JobContext } from '../jobs';

export const WEEK = 7 * 24 * 3600 * 1000;
/** A Monday, 00:00 UTC: DuckDB's weeks start on Mondays. */
export const START = Date.UTC(2024, 0, 1);
export type Quality = NonNullable<ReportSpecInput['quality']>;

export const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

export function expectClose(actual: Record<string, number> | undefined, expected: Record<string, number | undefined>, digits = 10): void {
  for (const [key, value] of Object.entries(expected)) expect(actual?.[key], key).toBeCloseTo(value ?? NaN, digits);
}

export interface QualityKit {
  /** Writes a CSV file into the workspace folder. */
  csv: (name: string, header: string, lines: (string | number)[][]) => void;
  file: (name: string) => { kind: 'file'; path: string };
  /** A report of two CSV files of the workspace folder, with quality over time. */
  run: (name: string, reference: string, current: string, quality: Quality, extra?: Partial<ReportSpecInput>) => Promise<MonitoringReport>;
}

/** A real backend on a fresh workspace for the suite, opened before its tests and closed after them. */
export function qualityKit(): QualityKit {
  let t: TestBackend | undefined;
  const job = (): JobContext => ({ signal: new AbortController().signal, progress: () => undefined });
  const workspace = (): string => t?.workspace ?? '';
  const file = (name: string): { kind: 'file'; path: string } => ({ kind: 'file', path: join(workspace(), name) });
  beforeAll(async () => {
    t = await openTestBackend();
  }, 60_000);
  afterAll(async () => t?.close());
  return {
    csv: (name, header, lines) => writeFileSync(join(workspace(), name), `${header}\n${lines.map((l) => l.join(',')).join('\n')}\n`),
    file,
    run: (name, reference, current, quality, extra = {}) => {
      if (!t) throw new Error('the test backend is not open');
      return t.backend.monitoring.run({ name, reference: file(reference), current: file(current), columns: [], quality, ...extra }, job());
    },
  };
}
