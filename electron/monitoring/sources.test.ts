import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnDrift, DataSource, MonitoringReport, ReportSpecInput } from '../../shared/contract';
import type { TestBackend } from '../../test/backend';
import { failure } from '../../test/helpers';
import { seededRandom } from '../evaluation';
import type { JobContext } from '../jobs';
import { expected, post, servingBackend, V1 } from '../serving/testing';
import type { ChurnRow } from '../serving/test-model';

const job = (): JobContext => ({ signal: new AbortController().signal, progress: () => undefined });
const CONTRACTS = ['Month-to-month', 'One year', 'Two year'];
const INPUTS = ['tenure', 'MonthlyCharges', 'Contract', 'SeniorCitizen'];

/** Customers of every kind; `churny`: new customers on monthly contracts with high charges, whom the model calls "Yes". */
function customers(n: number, seed: number, churny = false): ChurnRow[] {
  const next = seededRandom(seed);
  return Array.from({ length: n }, () => ({
    tenure: churny ? 1 + Math.floor(next() * 6) : Math.floor(next() * 73),
    MonthlyCharges: Math.round((churny ? 70 + next() * 40 : 20 + next() * 90) * 100) / 100,
    Contract: churny ? 'Month-to-month' : (CONTRACTS[Math.floor(next() * 3)] ?? 'One year'),
    SeniorCitizen: next() < 0.2 ? 1 : 0,
  }));
}

const csv = (rows: ChurnRow[]): string => `${INPUTS.join(',')}\n${rows.map((r) => `${r.tenure},${r.MonthlyCharges},${r.Contract},${r.SeniorCitizen}`).join('\n')}\n`;
const yesShare = (rows: ChurnRow[]): number => expected(V1, rows).filter((p) => p.prediction === 'Yes').length / rows.length;
/** The share of `value` in a categorical drift's histogram, reference then current. */
const shares = (drift: ColumnDrift | null, value: string): [number, number] => {
  const at = drift?.histogram.bins.indexOf(value) ?? -1;
  return [drift?.histogram.reference[at] ?? 0, drift?.histogram.current[at] ?? 0];
};
const byColumn = (report: MonitoringReport): Record<string, boolean> => Object.fromEntries(report.drift.columns.map((c) => [c.column, c.drifted]));

describe('monitoring sources: scored predictions and the inference log', () => {
  let t: TestBackend;
  const run = (spec: ReportSpecInput): Promise<MonitoringReport> => t.backend.monitoring.run(spec, job());
  const file = (name: string, rows: ChurnRow[]): DataSource => {
    const path = join(t.workspace, name);
    writeFileSync(path, csv(rows));
    return { kind: 'file', path };
  };

  beforeAll(async () => {
    t = await servingBackend();
  }, 60_000);
  afterAll(async () => t.close());

  describe('prediction drift when the data holds no predictions', () => {
    const reference = customers(400, 1);
    const similar = customers(300, 6);
    // A third of the current window are new monthly customers: the "Yes" share jumps.
    const shifted = [...customers(200, 3), ...customers(100, 4, true)];

    it('scores both sides with the model and flags the change in its answers', async () => {
      expect(yesShare(shifted) - yesShare(reference)).toBeGreaterThan(0.2);
      const report = await run({ name: 'scored', reference: file('ref.csv', reference), current: file('shifted.csv', shifted), model: 'models:/churn@champion' });
      expect(report.model).toEqual({ name: 'churn', version: 1 });
      const drift = report.predictionDrift;
      expect(drift?.column).toBe('prediction');
      expect(drift?.type).toBe('categorical');
      expect(report.warnings.some((w) => /^Prediction drift: file .*ref\.csv and file .*shifted\.csv have no "prediction" column, so both sides were scored with the model \(400 and 300 rows\)\.$/.test(w))).toBe(true);
      // Every row scored (below the sample size): the shares are exactly what the model answers.
      const [ref, cur] = shares(drift ?? null, 'Yes');
      expect(ref).toBeCloseTo(yesShare(reference), 12);
      expect(cur).toBeCloseTo(yesShare(shifted), 12);
      expect(drift?.test).toBe('z');
      expect(drift?.score).toBeLessThan(0.05);
      expect(drift?.drifted).toBe(true);
      // The model's inputs are the columns compared; prediction drift is not a column of the data drift.
      expect(report.drift.columns.map((c) => c.column)).toEqual(INPUTS);
    });

    it('finds no prediction drift between two samples of one population', async () => {
      const report = await run({ name: 'scored', reference: file('ref.csv', reference), current: file('similar.csv', similar), model: 'models:/churn@champion' });
      const drift = report.predictionDrift;
      const [ref, cur] = shares(drift, 'Yes');
      expect(ref).toBeCloseTo(yesShare(reference), 12);
      expect(cur).toBeCloseTo(yesShare(similar), 12);
      expect(drift?.skipped).toBeNull();
      expect(drift?.drifted).toBe(false);
      expect(byColumn(report)).toEqual({ tenure: false, MonthlyCharges: false, Contract: false, SeniorCitizen: false });
    });

    it('gives no prediction drift without a model to score with', async () => {
      const report = await run({ reference: file('ref.csv', reference), current: file('shifted.csv', shifted) });
      expect(report.predictionDrift).toBeNull();
    });
  });

  describe('the inference log as a window', () => {
    const BATCH = 60;
    // Three requests of customers as the reference knows them, then three whose tenure is 40 months longer.
    const plain = [0, 1, 2].map((k) => customers(BATCH, 10 + k));
    const older = [0, 1, 2].map((k) => customers(BATCH, 20 + k).map((r) => ({ ...r, tenure: (r.tenure ?? 0) + 40 })));
    const log = (from: number | null = null, to: number | null = null): DataSource => ({ kind: 'inferenceLog', model: 'models:/churn@champion', from, to });
    let start = 0;
    let middle = 0;
    let end = 0;

    beforeAll(async () => {
      const { server } = await t.client.call('serving.start', { models: [{ uri: 'models:/churn@champion' }] });
      const send = async (rows: ChurnRow[]): Promise<void> => {
        const answer = await post(`${server.url}/invocations`, JSON.stringify({ dataframe_records: rows }));
        expect(answer.status).toBe(200);
      };
      start = Date.now();
      for (const rows of plain) await send(rows);
      await new Promise((r) => setTimeout(r, 20));
      middle = Date.now();
      await new Promise((r) => setTimeout(r, 20));
      for (const rows of older) await send(rows);
      end = Date.now();
      await t.backend.serving.flushInferenceLog(server.id);
      await t.client.call('serving.stop', { id: server.id });
    }, 30_000);

    it('compares the model inputs of every logged row with the reference, and flags the shifted column', async () => {
      const report = await run({ name: 'log', reference: file('log-ref.csv', customers(400, 5)), current: log() });
      expect(report.sources.referenceRows).toBe(400);
      expect(report.sources.currentRows).toBe(6 * BATCH);
      expect(report.sources.current).toMatch(/^log:churn:/);
      expect(byColumn(report)).toEqual({ tenure: true, MonthlyCharges: false, Contract: false, SeniorCitizen: false });
      // The log's own columns are neither compared nor reported as missing from the reference; its outputs are the model's, not features.
      for (const own of ['ts', 'request_id', 'model_version']) expect(report.schema.onlyInCurrent).not.toContain(own);
      expect(report.warnings.join('\n')).not.toMatch(/request_id|model_version/);
    });

    it('reads a time window of the log: the plain requests against the shifted ones', async () => {
      const report = await run({ name: 'log windows', reference: log(start, middle), current: log(middle, end) });
      expect([report.sources.referenceRows, report.sources.currentRows]).toEqual([3 * BATCH, 3 * BATCH]);
      const compared = report.drift.columns.map((c) => c.column);
      expect(compared).toEqual(expect.arrayContaining(INPUTS));
      // The outputs are predictions, not features: only the four inputs are compared, and one of four drifting is no dataset drift.
      for (const own of ['ts', 'request_id', 'model_version', 'prediction', 'probability_No', 'probability_Yes']) expect(compared).not.toContain(own);
      expect(report.drift).toMatchObject({ drifted: 1, share: 0.25, detected: false });
      expect(byColumn(report).tenure).toBe(true);
      for (const column of ['MonthlyCharges', 'Contract', 'SeniorCitizen']) expect(byColumn(report)[column]).toBe(false);
      expect(report.schema).toEqual({ onlyInReference: [], onlyInCurrent: [], typeMismatches: [] });
      // Both sides hold the served predictions: prediction drift reads them, as the server answered.
      const [ref, cur] = shares(report.predictionDrift, 'Yes');
      expect(ref).toBeCloseTo(yesShare(plain.flat()), 12);
      expect(cur).toBeCloseTo(yesShare(older.flat()), 12);
      expect(report.warnings.some((w) => w.startsWith('Prediction drift'))).toBe(false);
      // Both ends count: a window from the first logged millisecond to the last holds every row.
      const engine = await t.backend.data.engine();
      const [first, last] = (await engine.query('SELECT min(epoch_ms(ts)), max(epoch_ms(ts)) FROM inference_churn')).rows[0]?.map(Number) ?? [];
      const whole = await run({ name: 'log windows', reference: log(first, last), current: log(first, last) });
      expect(whole.sources.currentRows).toBe(6 * BATCH);
    });

    it('refuses a window that holds no requests, naming it', async () => {
      const before = Date.UTC(2020, 0, 1);
      const error = await failure(run({ reference: file('log-ref.csv', customers(400, 5)), current: log(before, before + 3_600_000) }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/The current data \(the inference log of churn from 2020-01-01T00:00:00\.000Z to 2020-01-01T01:00:00\.000Z\) has no rows: the window is empty/);
      const after = await failure(run({ reference: log(null, middle), current: log(end + 60_000, null) }));
      expect(after.code).toBe('invalid_input');
      expect(after.message).toMatch(/current data \(the inference log of churn from .*\) has no rows/);
    });

    it('says a log that retention emptied holds no requests, rather than that there never was one', async () => {
      const location = t.backend.data.list().find((d) => d.name === 'inference_churn')?.location ?? '';
      const folder = location.slice(0, location.search(/[*?[]/));
      expect(folder).not.toBe('');
      // What retention does to segments past their time: every Parquet file goes.
      for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) if (entry.isFile() && entry.name.endsWith('.parquet')) rmSync(join(entry.parentPath, entry.name));
      const error = await failure(run({ reference: file('log-ref.csv', customers(400, 5)), current: log() }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toBe('The inference log of churn (dataset inference_churn) holds no requests: its retention or size cap has removed every segment. Serve the model with logging on to fill it again.');
      expect(error.details?.field).toBe('current');
    });

    it('says a model that was never served has no log', async () => {
      const error = await failure(run({ reference: file('log-ref.csv', customers(400, 5)), current: { kind: 'inferenceLog', model: 'models:/nobody/1', from: null, to: null } }));
      expect(error.code).toBe('not_found');
      expect(error.message).toMatch(/Model nobody has no inference log yet \(dataset inference_nobody\)/);
    });
  });
});
