import { describe, expect, it } from 'vitest';
import { failure } from '../../test/helpers';
import { expectClose, mean, qualityKit, START, WEEK } from './quality-test-kit';

const CLASSES = ['bird', 'cat', 'dog'];
const PREFIX = 'probability_';

/** ROC AUC by counting pairs (Mann–Whitney): the chance a positive row outscores a negative one, ties counting half. */
function aucByHand(scores: number[], positive: boolean[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((p, i) => {
    if (!positive[i]) return;
    scores.forEach((n, j) => {
      if (positive[j]) return;
      pairs++;
      wins += p > n ? 1 : p === n ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

interface Row {
  week: number;
  day: string;
  label: string;
  pred: string;
  /** Each class's probability, as written to the file. */
  p: Record<string, number>;
}

/** One-vs-rest macro ROC AUC over the classes with positive and negative rows, and log loss, written out here as the oracle. */
function softByHand(rows: Row[]): { roc_auc: number; log_loss: number } {
  const present = CLASSES.filter((c) => rows.some((r) => r.label === c) && rows.some((r) => r.label !== c));
  const roc = present.map((c) => aucByHand(rows.map((r) => r.p[c] ?? NaN), rows.map((r) => r.label === c)));
  const logLoss = mean(rows.map((r) => -Math.log((r.p[r.label] ?? NaN) / CLASSES.reduce((sum, c) => sum + (r.p[c] ?? 0), 0))));
  return { roc_auc: mean(roc), log_loss: logLoss };
}

// 3 weeks × 30 rows; the model grows less sure of the true class each week; week 2 has no birds.
const rows: Row[] = Array.from({ length: 90 }, (_, i) => {
  const week = Math.floor(i / 30);
  const present = week === 2 ? ['cat', 'dog'] : CLASSES;
  const label = present[i % present.length] ?? '';
  const raw = CLASSES.map((c, k) => (c === label ? 2.2 + ((i * 7) % 5) / 2 - week : 1 + ((i * 3 + k * 5) % 7) / 3));
  const total = raw.reduce((a, b) => a + b, 0);
  const p = Object.fromEntries(CLASSES.map((c, k) => [c, Number(((raw[k] ?? 0) / total).toFixed(6))]));
  const pred = CLASSES.reduce((best, c) => ((p[c] ?? 0) > (p[best] ?? 0) ? c : best), 'bird');
  return { week, day: new Date(START + week * WEEK + (i % 6) * 86_400_000).toISOString().slice(0, 10), label, pred, p };
});
const header = `day,species,pred,${CLASSES.map((c) => PREFIX + c).join(',')}`;
const line = (r: Row): (string | number)[] => [r.day, r.label, r.pred, ...CLASSES.map((c) => r.p[c] ?? '')];
// The reference: dog 30, cat 20, bird 10, with no probabilities, so the dummy says dog with those shares.
const reference = Array.from({ length: 60 }, (_, i) => [i < 30 ? 'dog' : i < 50 ? 'cat' : 'bird', i % 4 === 0 ? 'cat' : i < 30 ? 'dog' : i < 50 ? 'cat' : 'bird']);
const spec = { task: 'multiclass', prediction: 'pred', label: 'species', timeColumn: 'day', probabilityPrefix: PREFIX } as const;

describe('model quality from a probability column per class', () => {
  const { csv, run } = qualityKit();

  it('gives a multiclass model ROC AUC (one-vs-rest, macro) and log loss per week, and the prior dummy', async () => {
    csv('zoo.csv', header, rows.map(line));
    csv('zoo-ref.csv', 'species,pred', reference);
    const report = await run('zoo', 'zoo-ref.csv', 'zoo.csv', spec);
    const q = report.quality;
    expect(q?.windows.map((w) => w.rows)).toEqual([30, 30, 30]);
    for (const [k, window] of (q?.windows ?? []).entries()) {
      expect(Object.keys(window.metrics).sort()).toEqual(['accuracy', 'f1', 'log_loss', 'pr_auc', 'precision', 'recall', 'roc_auc']);
      // Probabilities pass through float32, as the model's outputs do.
      expectClose(window.metrics, softByHand(rows.filter((r) => r.week === k)), 5);
    }
    expect(q?.windows[2]?.metrics.log_loss).toBeGreaterThan(q?.windows[0]?.metrics.log_loss ?? Infinity);
    const share: Record<string, number> = { dog: 0.5, cat: 1 / 3, bird: 1 / 6 };
    expectClose(q?.dummy, { log_loss: mean(rows.map((r) => -Math.log(share[r.label] ?? NaN))), roc_auc: 0.5 }, 6);
    // The reference has labels and predictions but no probabilities: its level has the hard metrics only.
    expect(Object.keys(q?.reference ?? {}).sort()).toEqual(['accuracy', 'f1', 'precision', 'recall']);
    expect(q?.errors).toBeNull();
    expect(q?.confusion).toEqual(CLASSES.map((truth) => CLASSES.map((guess) => rows.filter((r) => r.label === truth && r.pred === guess).length)));
    expect(report.warnings.filter((w) => /ROC AUC|no probability/.test(w))).toEqual([]);
  }, 30_000);

  it('says which class lacks its column, and which rows lack a probability, and leaves those figures out', async () => {
    const fish = rows.map((r, i) => (r.week === 1 && i % 10 === 0 ? { ...r, label: 'fish' } : r));
    csv('zoo-fish.csv', header, fish.map(line));
    const noColumn = await run('zoo', 'zoo-ref.csv', 'zoo-fish.csv', spec);
    expect(noColumn.warnings).toContain('The current data has no probability column for the class "fish" ("probability_fish"): no ROC AUC or log loss.');
    for (const window of noColumn.quality?.windows ?? []) expect(Object.keys(window.metrics).sort()).toEqual(['accuracy', 'f1', 'precision', 'recall']);

    // One empty cell in week 1: that week has no soft figures, the others keep theirs.
    csv('zoo-gap.csv', header, rows.map((r, i) => (i === 40 ? [r.day, r.label, r.pred, r.p.bird ?? '', '', r.p.dog ?? ''] : line(r))));
    const gap = await run('zoo', 'zoo-gap.csv', 'zoo-gap.csv', spec);
    expect(gap.warnings).toContain('1 current rows have no probability: ROC AUC and log loss are left out of the windows that hold them.');
    expect(gap.warnings).toContain('1 reference rows have no probability: no ROC AUC or log loss at the reference level.');
    expect(Object.keys(gap.quality?.reference ?? {})).not.toContain('log_loss');
    expect(gap.quality?.windows.map((w) => 'log_loss' in w.metrics)).toEqual([true, false, true]);
    expectClose(gap.quality?.windows[2]?.metrics, softByHand(rows.filter((r) => r.week === 2)), 5);

    const unknown = await run('zoo', 'zoo-ref.csv', 'zoo.csv', { ...spec, probabilityPrefix: 'p_' });
    expect(unknown.warnings).toContain('The current data has no column named "p_" and a class: no ROC AUC or log loss.');
    const both = await failure(run('zoo', 'zoo-ref.csv', 'zoo.csv', { ...spec, probability: 'probability_cat' }));
    expect(both.code).toBe('invalid_input');
    expect(both.details?.field).toBe('quality.probabilityPrefix');
  }, 30_000);

  it('gives a binary model the same figures from its two class columns as from the positive class column', async () => {
    const churn = Array.from({ length: 80 }, (_, i) => {
      const churned = i % 3 === 0;
      const yes = Number(Math.min(0.95, Math.max(0.05, (churned ? 0.6 : 0.35) + (((i * 7) % 9) - 4) / 20)).toFixed(4));
      return [START + i * 3600_000, (i * 13) % 72, churned ? 'Yes' : 'No', yes >= 0.5 ? 'Yes' : 'No', Number((1 - yes).toFixed(4)), yes];
    });
    csv('churn.csv', 'ts,tenure,Churn,prediction,probability_No,probability_Yes', churn);
    const base = { task: 'binary', prediction: 'prediction', label: 'Churn', timeColumn: 'ts' } as const;
    const byColumns = await run('churn', 'churn.csv', 'churn.csv', { ...base, probabilityPrefix: PREFIX });
    const byPositive = await run('churn', 'churn.csv', 'churn.csv', { ...base, probability: 'probability_Yes' });
    const soft = byPositive.quality?.windows[0]?.metrics ?? {};
    expect(soft.roc_auc).toBeCloseTo(aucByHand(churn.map((r) => Number(r[5])), churn.map((r) => r[2] === 'Yes')), 6);
    expectClose(byColumns.quality?.windows[0]?.metrics, { roc_auc: soft.roc_auc, pr_auc: soft.pr_auc, log_loss: soft.log_loss, f1: soft.f1 }, 6);
    expectClose(byColumns.quality?.reference, { roc_auc: soft.roc_auc, log_loss: soft.log_loss }, 6);
    // The probabilities are the model's outputs, not features: not drift-tested.
    expect(byColumns.drift.columns.map((c) => c.column)).toEqual(['tenure']);
  }, 30_000);
});
