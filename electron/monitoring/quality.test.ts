import { describe, expect, it } from 'vitest';
import { failure } from '../../test/helpers';
import { classificationMetrics } from '../evaluation';
import { expectClose, mean, qualityKit, START, WEEK, type Quality } from './quality-test-kit';

/** `YYYY-MM-DD HH:MM:SS`, which DuckDB's CSV reader takes for a TIMESTAMP. */
const stamp = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** MAE, RMSE, R² and MAPE as scikit-learn defines them, written out here as the oracle. */
function byHand(y: number[], predicted: number[]): Record<string, number> {
  const errors = y.map((v, i) => v - (predicted[i] ?? NaN));
  const squared = errors.reduce((sum, e) => sum + e * e, 0);
  const spread = y.reduce((sum, v) => sum + (v - mean(y)) ** 2, 0);
  return { mae: mean(errors.map(Math.abs)), rmse: Math.sqrt(squared / y.length), r2: 1 - squared / spread, mape: mean(errors.map((e, i) => Math.abs(e) / Math.abs(y[i] ?? NaN))) };
}

describe('model quality over time', () => {
  const { csv, file, run } = qualityKit();

  describe('regression, labels joined late by id', () => {
    // 3 weeks × 40 predictions; the model's bias grows each week; labels arrive for 4 rows in 5, plus one that matches nothing.
    const rows = Array.from({ length: 120 }, (_, i) => {
      const week = Math.floor(i / 40);
      const y = 20 + ((i * 17) % 50) + week * 3;
      return { id: `s${i}`, week, ts: START + week * WEEK + (i % 40) * 4 * 3600_000, y, pred: y + week * 4 + (((i * 7) % 11) - 5), labelled: i % 5 !== 4 };
    });
    const labelled = rows.filter((r) => r.labelled);
    const reference = Array.from({ length: 60 }, (_, i) => ({ y: 20 + ((i * 11) % 50), pred: 20 + ((i * 11) % 50) + (((i * 3) % 7) - 3) }));

    it('gives MAE, RMSE, R² and MAPE per week, the reference level, and the reference-mean dummy', async () => {
      csv('sales.csv', 'id,ts,pred', rows.map((r) => [r.id, stamp(r.ts), r.pred]));
      csv('sales-labels.csv', 'id,y', [...labelled.map((r) => [r.id, r.y]), ['ghost', 7]]);
      csv('sales-ref.csv', 'pred,y', reference.map((r) => [r.pred, r.y]));
      const quality: Quality = { task: 'regression', prediction: 'pred', label: 'y', timeColumn: 'ts', labels: { source: file('sales-labels.csv'), idColumn: 'id' }, alert: { metric: 'r2', below: 2 } };
      const report = await run('sales', 'sales-ref.csv', 'sales.csv', quality, { business: [{ name: 'mean absolute error', sql: 'avg(abs(y - pred))' }] });
      const q = report.quality;
      expect(q?.windows.map((w) => [w.start, w.rows])).toEqual([0, 1, 2].map((k) => [START + k * WEEK, labelled.filter((r) => r.week === k).length]));
      for (const [k, window] of (q?.windows ?? []).entries()) {
        const week = labelled.filter((r) => r.week === k);
        expect(Object.keys(window.metrics).sort()).toEqual(['mae', 'mape', 'r2', 'rmse']);
        expectClose(window.metrics, byHand(week.map((r) => r.y), week.map((r) => r.pred)));
      }
      expectClose(q?.reference, byHand(reference.map((r) => r.y), reference.map((r) => r.pred)));
      // The dummy is scikit-learn's DummyRegressor: the reference's mean label, scored on every labelled current row.
      const referenceMean = mean(reference.map((r) => r.y));
      expectClose(q?.dummy, byHand(labelled.map((r) => r.y), labelled.map(() => referenceMean)));
      expect(q?.confusion).toBeNull();
      // Error plots, binned as numpy.histogram does (edges[i] <= e < edges[i + 1], the last bin closed), recounted here by comparing with the edges.
      const histogram = (values: number[], edges: number[]): number[] =>
        edges.slice(1).map((high, i) => values.filter((v) => v >= (edges[i] ?? NaN) && (v < high || (i === edges.length - 2 && v === high))).length);
      const currentErrors = labelled.map((r) => r.pred - r.y);
      const referenceErrors = reference.map((r) => r.pred - r.y);
      const edges = q?.errors?.edges ?? [];
      expect(edges).toHaveLength(31);
      expect([edges[0], edges.at(-1)]).toEqual([Math.min(...currentErrors, ...referenceErrors), Math.max(...currentErrors, ...referenceErrors)]);
      expect(q?.errors?.current).toEqual(histogram(currentErrors, edges));
      expect(q?.errors?.reference).toEqual(histogram(referenceErrors, edges));
      const grid = q?.errors?.predictedVsActual;
      const values = labelled.flatMap((r) => [r.y, r.pred]);
      expect([grid?.edges[0], grid?.edges.at(-1)]).toEqual([Math.min(...values), Math.max(...values)]);
      const gridEdges = grid?.edges ?? [];
      const rowsByLabel = gridEdges.slice(1).map((_, i) => labelled.filter((r) => histogram([r.y], gridEdges)[i] === 1));
      expect(grid?.counts).toEqual(rowsByLabel.map((rows) => histogram(rows.map((r) => r.pred), gridEdges)));
      expect(q?.unmatchedLabels).toBe(1);
      const latest = byHand(labelled.filter((r) => r.week === 2).map((r) => r.y), labelled.filter((r) => r.week === 2).map((r) => r.pred));
      expect(report.alerts).toContain(`r2 of the latest window (2024-01-15) is ${latest.r2?.toFixed(4)}, below 2.`);
      // An error alerts when it rises above its bound, and not when it stays under.
      const mae = latest.mae ?? NaN;
      const above = await run('sales', 'sales-ref.csv', 'sales.csv', { ...quality, alert: { metric: 'mae', above: mae / 2 } });
      expect(above.alerts).toEqual([`mae of the latest window (2024-01-15) is ${mae.toFixed(4)}, above ${mae / 2}.`]);
      expect((await run('sales', 'sales-ref.csv', 'sales.csv', { ...quality, alert: { metric: 'mae', above: mae * 2 } })).alerts).toEqual([]);
      // A business metric over the joined rows, in the same windows: the mean absolute error again.
      const business = report.business[0];
      expect(business?.windows.map((w) => w.start)).toEqual(q?.windows.map((w) => w.start));
      business?.windows.forEach((w, k) => expect(w.value).toBeCloseTo(q?.windows[k]?.metrics.mae ?? NaN, 10));
      expect(business?.reference).toBeCloseTo(q?.reference.mae ?? NaN, 10);
    }, 30_000);
  });

  describe('multiclass, labels in the same file', () => {
    const CLASSES = ['bird', 'cat', 'dog'];
    // 3 weeks × 30 rows by DATE; fewer right each week; week 2 has no birds at all, so its macro averages are over 2 classes.
    const rows = Array.from({ length: 90 }, (_, i) => {
      const week = Math.floor(i / 30);
      const present = week === 2 ? ['cat', 'dog'] : CLASSES;
      const label = present[i % present.length] ?? '';
      const right = (i * 5) % 7 < 6 - 2 * week;
      const pred = right ? label : (present[(present.indexOf(label) + 1) % present.length] ?? '');
      return { week, day: new Date(START + week * WEEK + (i % 6) * 86_400_000).toISOString().slice(0, 10), label, pred, p: ((i * 13) % 10) / 10 };
    });
    // The reference: dog 30, cat 20, bird 10, so the dummy always says dog.
    const reference = Array.from({ length: 60 }, (_, i) => ({ label: i < 30 ? 'dog' : i < 50 ? 'cat' : 'bird', pred: i % 4 === 0 ? 'cat' : i < 30 ? 'dog' : i < 50 ? 'cat' : 'bird' }));
    /** electron/evaluation's figures on one-hot hard predictions: only those that do not need a probability. */
    const oracle = (labels: string[], predicted: string[]): Record<string, number | undefined> => {
      const all = classificationMetrics(Int32Array.from(labels, (l) => CLASSES.indexOf(l)), Float32Array.from(predicted.flatMap((p) => CLASSES.map((c) => (c === p ? 1 : 0)))), 3);
      return { accuracy: all.accuracy, precision: all.precision, recall: all.recall, f1: all.f1 };
    };

    it('gives accuracy and macro precision, recall and F1 per week as electron/evaluation does, and the confusion matrix', async () => {
      csv('pets.csv', 'day,species,pred,p', rows.map((r) => [r.day, r.label, r.pred, r.p]));
      csv('pets-ref.csv', 'species,pred', reference.map((r) => [r.label, r.pred]));
      const report = await run('pets', 'pets-ref.csv', 'pets.csv', { task: 'multiclass', prediction: 'pred', probability: 'p', label: 'species', timeColumn: 'day' });
      const q = report.quality;
      expect(q?.windows.map((w) => [w.start, w.rows])).toEqual([0, 1, 2].map((k) => [START + k * WEEK, 30]));
      for (const [k, window] of (q?.windows ?? []).entries()) {
        const week = rows.filter((r) => r.week === k);
        const expected = oracle(week.map((r) => r.label), week.map((r) => r.pred));
        expect(Object.keys(window.metrics).sort()).toEqual(['accuracy', 'f1', 'precision', 'recall']);
        expectClose(window.metrics, expected);
      }
      // Macro over the classes present, by hand for week 2 (cat and dog only): the mean of the two recalls.
      const week2 = rows.filter((r) => r.week === 2);
      const recall = (c: string): number => week2.filter((r) => r.label === c && r.pred === c).length / week2.filter((r) => r.label === c).length;
      expect(q?.windows[2]?.metrics.recall).toBeCloseTo((recall('cat') + recall('dog')) / 2, 10);
      expect(q?.windows[0]?.metrics.accuracy).toBeGreaterThan(q?.windows[2]?.metrics.accuracy ?? 1);
      expectClose(q?.reference, oracle(reference.map((r) => r.label), reference.map((r) => r.pred)));
      expectClose(q?.dummy, { accuracy: rows.filter((r) => r.label === 'dog').length / rows.length, f1: oracle(rows.map((r) => r.label), rows.map(() => 'dog')).f1 });
      const confusion = CLASSES.map((truth) => CLASSES.map((guess) => rows.filter((r) => r.label === truth && r.pred === guess).length));
      expect(q?.confusion).toEqual(confusion);
      expect(report.warnings.join('\n')).toMatch(/probability column "p" is one class's probability: with 3 classes there is no ROC AUC or log loss/);
    }, 30_000);
  });

  describe('bad input and thin windows', () => {
    const base = { prediction: 'pred', label: 'y', timeColumn: 'ts' } as const;

    it('names the label column of the wrong type', async () => {
      csv('text.csv', 'ts,pred,y', Array.from({ length: 20 }, (_, i) => [START + i * 3600_000, i, i % 2 === 0 ? 'high' : 'low']));
      const regression = await failure(run('text', 'text.csv', 'text.csv', { task: 'regression', ...base }));
      expect(regression.code).toBe('invalid_input');
      expect(regression.message).toMatch(/label column "y" of the current data is VARCHAR: a regression needs numbers/);
      expect(regression.details?.field).toBe('quality.label');
      // Scores where the 0/1 label belongs: far more than 2 classes for a binary task.
      csv('scores.csv', 'ts,pred,y', Array.from({ length: 20 }, (_, i) => [START + i * 3600_000, i % 2, (i * 0.037).toFixed(3)]));
      const binary = await failure(run('scores', 'scores.csv', 'scores.csv', { task: 'binary', ...base }));
      expect(binary.message).toMatch(/binary, but the label column "y" holds 20 values/);
      expect(binary.details?.field).toBe('quality.label');
      const time = await failure(run('scores', 'scores.csv', 'scores.csv', { task: 'binary', ...base, timeColumn: 'when' }));
      expect(time.message).toMatch(/no time column "when"/);
      expect(time.details?.field).toBe('quality.timeColumn');
    }, 30_000);

    it('takes float predictions 1.0 and 0.0 as the classes of integer labels 1 and 0', async () => {
      const rows = Array.from({ length: 40 }, (_, i) => ({ y: i % 3 === 0 ? 1 : 0, pred: i % 4 === 0 ? '1.0' : '0.0' }));
      csv('floats.csv', 'ts,pred,y', rows.map((r, i) => [START + i * 3600_000, r.pred, r.y]));
      const report = await run('floats', 'floats.csv', 'floats.csv', { task: 'binary', ...base });
      const hard = classificationMetrics(Int32Array.from(rows, (r) => r.y), Float32Array.from(rows.flatMap((r) => (r.pred === '1.0' ? [0, 1] : [1, 0]))), 2);
      expectClose(report.quality?.windows[0]?.metrics, { accuracy: hard.accuracy, precision: hard.precision, recall: hard.recall, f1: hard.f1 });
      expect(report.quality?.confusion?.flat().reduce((a, b) => a + b, 0)).toBe(40);
    }, 30_000);

    it('leaves an empty week out, keeps a one-row week without R², and skips rows with no time', async () => {
      // Week 0: 10 rows; week 1: none; week 2: one row; two rows with no time.
      const lines: (string | number)[][] = Array.from({ length: 10 }, (_, i) => [START + i * 3600_000, 10 + i, 11 + ((i * 3) % 5)]);
      lines.push([START + 2 * WEEK + 3600_000, 40, 42], ['', 50, 55], ['', 60, 61]);
      csv('thin.csv', 'ts,pred,y', lines);
      const report = await run('thin', 'thin.csv', 'thin.csv', { task: 'regression', ...base, alert: { metric: 'r2', below: 0.5 } }, { business: [{ name: 'rows', sql: 'count(*)' }] });
      const windows = report.quality?.windows ?? [];
      expect(windows.map((w) => [w.start, w.rows])).toEqual([
        [START, 10],
        [START + 2 * WEEK, 1],
      ]);
      expect(windows[0]?.metrics.r2).toBeCloseTo(byHand(lines.slice(0, 10).map((l) => Number(l[2])), lines.slice(0, 10).map((l) => Number(l[1]))).r2 ?? NaN, 10);
      expect(windows[1]?.metrics).toEqual({ mae: 2, rmse: 2, mape: 2 / 42 });
      expect(report.warnings).toContain('2 current rows have no time in "ts": they are left out of the windows.');
      expect(report.warnings).toContain('The alert metric "r2" has no value for the latest window (2024-01-15, 1 row): no alert is checked.');
      expect(report.alerts).toEqual([]);
      expect(report.business[0]?.windows).toEqual([
        { start: START, value: 10 },
        { start: START + 2 * WEEK, value: 1 },
      ]);
    }, 30_000);
  });
});
