import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitoringReport, ReportSpecInput } from '../../shared/contract';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { failure, resourcesDir } from '../../test/helpers';
import { quoteLiteral, type Engine } from '../data';
import { classificationMetrics } from '../evaluation';
import type { JobContext } from '../jobs';

const CHURN = join(resourcesDir, 'sample-data', 'telco-customer-churn.csv');
const WEEK = 7 * 24 * 3600 * 1000;
/** A Monday, 00:00 UTC: DuckDB's weeks start on Mondays. */
const START = Date.UTC(2024, 0, 1);

const job = (): JobContext => ({ signal: new AbortController().signal, progress: () => undefined });

describe('monitoring reports', () => {
  let t: TestBackend;
  let engine: Engine;
  let dir = '';
  const run = (spec: ReportSpecInput): Promise<MonitoringReport> => t.backend.monitoring.run(spec, job());
  const file = (name: string): { kind: 'file'; path: string } => ({ kind: 'file', path: join(dir, name) });
  const copy = async (select: string, name: string): Promise<void> => {
    await engine.execute(`COPY (${select}) TO ${quoteLiteral(join(dir, name))} (HEADER)`);
  };

  beforeAll(async () => {
    t = await openTestBackend();
    dir = t.workspace;
    engine = await t.backend.data.engine();
    const churn = `read_csv(${quoteLiteral(CHURN)})`;
    // Two halves of the sample by a hash of the id: the same population, so no drift.
    await copy(`SELECT * FROM ${churn} WHERE hash(customerID) % 2 = 0`, 'reference.csv');
    await copy(`SELECT * FROM ${churn} WHERE hash(customerID) % 2 = 1`, 'same.csv');
    // The other half, with tenure 20 months longer and most contracts monthly.
    await copy(
      `SELECT * REPLACE (tenure + 20 AS tenure, CASE WHEN hash(customerID || 'c') % 10 < 8 THEN 'Month-to-month' ELSE Contract END AS Contract) FROM ${churn} WHERE hash(customerID) % 2 = 1`,
      'shifted.csv',
    );
    await copy(`SELECT * EXCLUDE (gender) REPLACE (CAST(SeniorCitizen AS VARCHAR) || 'x' AS SeniorCitizen), 1 AS extra FROM ${churn} WHERE hash(customerID) % 2 = 1`, 'schema.csv');
    await copy(`SELECT * FROM ${churn} WHERE hash(customerID) % 2 = 1 LIMIT 3`, 'tiny.csv');
    await t.backend.data.add({ path: join(dir, 'reference.csv'), name: 'churn_reference' }, job());
  }, 60_000);
  afterAll(async () => t.close());

  it('flags the shifted columns and only those', async () => {
    const steps: [number | null, string][] = [];
    const report = await t.backend.monitoring.run({ name: 'churn', reference: { kind: 'dataset', dataset: 'churn_reference' }, current: file('shifted.csv') }, { ...job(), progress: (fraction, message) => steps.push([fraction, message ?? '']) });
    // Progress moves column by column, never back.
    const tested = steps.filter(([, message]) => message.startsWith('Tested '));
    expect(tested.length).toBe(report.drift.columns.length);
    expect(tested.at(-1)?.[1]).toMatch(new RegExp(`^Tested ${tested.length} of ${tested.length} columns`));
    const fractions = steps.map(([fraction]) => fraction ?? 0);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    const drifted = report.drift.columns.filter((c) => c.drifted).map((c) => c.column);
    expect(drifted.sort()).toEqual(['Contract', 'tenure']);
    const tenure = report.drift.columns.find((c) => c.column === 'tenure');
    expect(tenure?.test).toBe('wasserstein');
    expect(report.drift.columns.find((c) => c.column === 'Contract')?.test).toBe('jensenshannon');
    // customerID is unique text: compared, but never drifting between halves is not guaranteed; the verdict is on shares.
    expect(report.drift.detected).toBe(false);
    expect(report.drift.share).toBeCloseTo(2 / report.drift.columns.length, 10);
    expect(report.sources.referenceRows + report.sources.currentRows).toBe(7043);
  });

  it('finds no drift between two halves of one population', async () => {
    const report = await run({ name: 'same', reference: file('reference.csv'), current: file('same.csv'), columns: ['tenure', 'MonthlyCharges', 'Contract', 'gender', 'InternetService'] });
    expect(report.drift.columns.map((c) => [c.column, c.drifted])).toEqual([
      ['tenure', false],
      ['MonthlyCharges', false],
      ['Contract', false],
      ['gender', false],
      ['InternetService', false],
    ]);
  });

  it('reports columns on one side only and type mismatches, and leaves them out', async () => {
    const report = await run({ name: 'schema', reference: file('reference.csv'), current: file('schema.csv') });
    expect(report.schema.onlyInReference).toEqual(['gender']);
    expect(report.schema.onlyInCurrent).toEqual(['extra']);
    expect(report.schema.typeMismatches).toEqual([{ column: 'SeniorCitizen', reference: 'BIGINT', current: 'VARCHAR' }]);
    expect(report.drift.columns.map((c) => c.column)).not.toContain('SeniorCitizen');
    expect(report.warnings.join('\n')).toMatch(/SeniorCitizen.*BIGINT.*VARCHAR.*not compared/);
    expect(report.warnings.join('\n')).toMatch(/Only in the reference data .*gender/);
  });

  it('refuses an empty window and a column asked for that one side lacks', async () => {
    await copy(`SELECT * FROM read_csv(${quoteLiteral(join(dir, 'reference.csv'))}) WHERE false`, 'empty.csv');
    const empty = await failure(run({ reference: file('reference.csv'), current: file('empty.csv') }));
    expect(empty.code).toBe('invalid_input');
    expect(empty.message).toMatch(/current data \(file .*empty\.csv\) has no rows/);
    const missing = await failure(run({ reference: file('reference.csv'), current: { kind: 'dataset', dataset: 'churn_reference' }, columns: ['nope'] }));
    expect(missing.code).toBe('invalid_input');
    expect(missing.message).toMatch(/Column "nope" is not in either side/);
  });

  it('says why a test was skipped for a window too small', async () => {
    const report = await run({ name: 'tiny', reference: file('reference.csv'), current: file('tiny.csv'), columns: ['tenure', 'Contract'] });
    for (const column of report.drift.columns) {
      expect(column.skipped).toMatch(/rows/);
      expect(column.drifted).toBe(false);
    }
    expect(report.warnings.some((w) => w.includes('skipped'))).toBe(true);
  });

  it('numbers the versions of a name', async () => {
    const spec: ReportSpecInput = { name: 'versions', reference: file('reference.csv'), current: file('same.csv'), columns: ['tenure'] };
    const first = await run(spec);
    const second = await run(spec);
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(t.backend.monitoring.reports({ name: 'versions', limit: 10 }).map((r) => r.version)).toEqual([2, 1]);
    expect(t.backend.monitoring.report(second.id)).toEqual(second);
    t.backend.monitoring.deleteReport(first.id);
    expect((await failure(Promise.resolve().then(() => t.backend.monitoring.report(first.id)))).code).toBe('not_found');
  });

  describe('quality over time with late labels', () => {
    // 4 weeks of predictions, 50 a week; labels arrive for 3 rows in 4; a few labels match nothing.
    const rows = Array.from({ length: 200 }, (_, i) => {
      const week = Math.floor(i / 50);
      const p = ((i * 37) % 100) / 100;
      const label = (i * 13) % 7 < 3 - Math.min(week, 2) ? 1 : 0;
      return { id: `r${i}`, ts: START + week * WEEK + (i % 50) * 3600_000, p, prediction: p >= 0.5 ? 1 : 0, label, flagged: p >= 0.5, labelled: i % 4 !== 3 };
    });
    const labelled = rows.filter((r) => r.labelled);

    beforeAll(() => {
      writeFileSync(join(dir, 'predictions.csv'), `id,ts,p,prediction,flagged,tenure\n${rows.map((r, i) => `${r.id},${r.ts},${r.p},${r.prediction},${r.flagged},${i % 30}`).join('\n')}\n`);
      writeFileSync(join(dir, 'labels.csv'), `id,churned\n${labelled.map((r) => `${r.id},${r.label}`).join('\n')}\nghost1,1\nghost2,0\n`);
      writeFileSync(join(dir, 'ref-quality.csv'), `id,ts,p,prediction,churned,flagged,tenure\n${rows.map((r, i) => `${r.id},${r.ts},${r.p},${r.prediction},${r.label},${r.flagged},${(i * 7) % 30}`).join('\n')}\n`);
    });

    const spec = (extra: Partial<ReportSpecInput> = {}): ReportSpecInput => ({
      name: 'quality',
      reference: file('ref-quality.csv'),
      current: file('predictions.csv'),
      columns: ['tenure'],
      quality: { task: 'binary', prediction: 'prediction', probability: 'p', label: 'churned', timeColumn: 'ts', window: 'week', labels: { source: file('labels.csv'), idColumn: 'id' }, alert: { metric: 'accuracy', below: 0.99 } },
      ...extra,
    });

    it('computes each week as electron/evaluation does on the same rows', async () => {
      const report = await run(spec());
      const quality = report.quality;
      expect(quality?.unmatchedLabels).toBe(2);
      expect(report.warnings.some((w) => /2 labels match no prediction/.test(w))).toBe(true);
      expect(quality?.windows.map((w) => [w.start, w.rows])).toEqual([0, 1, 2, 3].map((k) => [START + k * WEEK, labelled.filter((r) => Math.floor(Number(r.id.slice(1)) / 50) === k).length]));
      for (const [k, window] of (quality?.windows ?? []).entries()) {
        const week = labelled.filter((r) => Math.floor(Number(r.id.slice(1)) / 50) === k);
        const y = Int32Array.from(week, (r) => r.label);
        const soft = classificationMetrics(y, Float32Array.from(week.flatMap((r) => [1 - r.p, r.p])), 2);
        const hard = classificationMetrics(y, Float32Array.from(week.flatMap((r) => (r.prediction === 1 ? [0, 1] : [1, 0]))), 2);
        for (const key of ['accuracy', 'precision', 'recall', 'f1'] as const) expect(window.metrics[key]).toBeCloseTo(hard[key] ?? NaN, 10);
        for (const key of ['roc_auc', 'log_loss'] as const) expect(window.metrics[key]).toBeCloseTo(soft[key] ?? NaN, 6);
      }
      const all = Int32Array.from(rows, (r) => r.label);
      expect(quality?.reference.accuracy).toBeCloseTo(classificationMetrics(all, Float32Array.from(rows.flatMap((r) => (r.prediction === 1 ? [0, 1] : [1, 0]))), 2).accuracy ?? NaN, 10);
      // Majority class of the reference is 0: the dummy's accuracy is the share of 0 labels.
      expect(quality?.dummy.accuracy).toBeCloseTo(labelled.filter((r) => r.label === 0).length / labelled.length, 10);
      const confusion = quality?.confusion ?? [];
      expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(labelled.length);
      expect(report.alerts.some((a) => a.startsWith('accuracy of the latest window'))).toBe(true);
    });

    it('refuses labels that match no prediction', async () => {
      writeFileSync(join(dir, 'ghost-labels.csv'), 'id,churned\nx1,1\nx2,0\n');
      const error = await failure(run(spec({ quality: { task: 'binary', prediction: 'prediction', label: 'churned', timeColumn: 'ts', labels: { source: file('ghost-labels.csv'), idColumn: 'id' } } })));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/None of the 2 labels/);
    });

    it('tracks a business metric per window, and names one whose SQL fails', async () => {
      const report = await run(spec({ business: [{ name: 'churn among flagged', sql: 'avg(CASE WHEN flagged THEN churned::INT END)' }] }));
      const metric = report.business[0];
      expect(metric?.windows.map((w) => w.start)).toEqual([0, 1, 2, 3].map((k) => START + k * WEEK));
      for (const [k, window] of (metric?.windows ?? []).entries()) {
        const flagged = labelled.filter((r) => Math.floor(Number(r.id.slice(1)) / 50) === k && r.flagged);
        expect(window.value).toBeCloseTo(flagged.filter((r) => r.label === 1).length / flagged.length, 10);
      }
      const flaggedAll = rows.filter((r) => r.flagged);
      expect(metric?.reference).toBeCloseTo(flaggedAll.filter((r) => r.label === 1).length / flaggedAll.length, 10);
      const error = await failure(run(spec({ business: [{ name: 'broken', sql: 'avg(no_such_column)' }] })));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/Business metric "broken".*no_such_column/s);
    });
  });
});
