import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/helpers';
import { chisquareTest, chooseTest, defaultThreshold, hellinger, isDrift, jensenShannon, kl, kolmogorovSf, ks2samp, psi, wassersteinNormed, zTest } from './index';

interface NumericCase {
  name: string;
  reference: number[];
  current: number[];
  ks: { statistic: number; pvalue: number };
  wassersteinNormed: number;
  binnedReference: number[];
  binnedCurrent: number[];
  jensenshannon: number;
  psi: number;
  kl: number;
  sharesReference: number[];
  sharesCurrent: number[];
  hellinger: number;
}
interface CountCase {
  name: string;
  reference: number[];
  current: number[];
  chisquare: { statistic: number; pvalue: number };
  z?: { statistic: number; pvalue: number };
  jensenshannon: number;
  kl: number;
  psi: number;
}
const fixture = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/monitoring/drift.json'), 'utf8')) as {
  numeric: NumericCase[];
  counts: CountCase[];
  kolmogorov: { n: number; x: number; sf: number }[];
};

/** Relative agreement for ordinary values, absolute for p-values near zero. */
function close(actual: number, expected: number, relative = 1e-9, absolute = 1e-12): void {
  expect(Math.abs(actual - expected), `${actual} vs SciPy ${expected}`).toBeLessThanOrEqual(Math.max(absolute, relative * Math.abs(expected)));
}

describe('statistics against SciPy (the version in drift.json)', () => {
  for (const c of fixture.numeric) {
    it(`KS and Wasserstein: ${c.name}`, () => {
      const ks = ks2samp(c.reference, c.current);
      close(ks.statistic, c.ks.statistic, 1e-12);
      close(ks.pValue, c.ks.pvalue, 1e-7, 1e-14);
      close(wassersteinNormed(c.reference, c.current), c.wassersteinNormed, 1e-9);
    });
    it(`binned distances: ${c.name}`, () => {
      close(jensenShannon(c.binnedReference, c.binnedCurrent), c.jensenshannon);
      close(psi(c.binnedReference, c.binnedCurrent), c.psi);
      close(kl(c.binnedReference, c.binnedCurrent), c.kl);
    });
  }
  for (const c of fixture.counts) {
    it(`count tests: ${c.name}`, () => {
      const chi = chisquareTest(c.reference, c.current);
      close(chi.statistic, c.chisquare.statistic);
      close(chi.pValue, c.chisquare.pvalue, 1e-9, 1e-15);
      if (c.z) {
        const z = zTest(c.reference, c.current);
        close(z.statistic, c.z.statistic);
        close(z.pValue, c.z.pvalue, 1e-9, 1e-15);
      }
      const share = (counts: number[]): number[] => counts.map((v) => v / counts.reduce((a, b) => a + b, 0));
      close(jensenShannon(c.reference, c.current), c.jensenshannon);
      close(kl(c.reference, c.current), c.kl);
      close(psi(share(c.reference), share(c.current)), c.psi);
    });
  }
  it('Kolmogorov survival function over every branch of kstwo.sf', () => {
    for (const { n, x, sf } of fixture.kolmogorov) {
      const got = kolmogorovSf(n, x);
      expect(Math.abs(got - sf), `n=${n} x=${x}: ${got} vs ${sf}`).toBeLessThanOrEqual(Math.max(1e-10, 1e-7 * sf));
    }
  });
  it('Hellinger on binned shares', () => {
    for (const c of fixture.numeric) close(hellinger(c.sharesReference, c.sharesCurrent), c.hellinger);
  });
  it('categories only the current side has: chi-square p = 0', () => {
    expect(chisquareTest([10, 10, 0], [10, 10, 5]).pValue).toBe(0);
  });
});

describe('test choice and thresholds (Evidently 0.7 defaults)', () => {
  const table: [kind: 'numeric' | 'categorical', rows: number, distinct: number, test: string][] = [
    ['numeric', 1000, 2, 'z'],
    ['numeric', 1000, 3, 'chisquare'],
    ['numeric', 1000, 5, 'chisquare'],
    ['numeric', 1000, 6, 'ks'],
    ['categorical', 1000, 1, 'z'],
    ['categorical', 1000, 2, 'z'],
    ['categorical', 1000, 3, 'chisquare'],
    ['categorical', 1000, 50, 'chisquare'],
    ['numeric', 1001, 2, 'jensenshannon'],
    ['numeric', 1001, 5, 'jensenshannon'],
    ['numeric', 1001, 6, 'wasserstein'],
    ['categorical', 1001, 2, 'jensenshannon'],
    ['categorical', 1001, 100, 'jensenshannon'],
  ];
  it.each(table)('%s, %i reference rows, %i distinct → %s', (kind, rows, distinct, test) => {
    expect(chooseTest(kind, rows, distinct)).toBe(test);
  });
  it('thresholds and their direction', () => {
    expect(defaultThreshold('ks')).toBe(0.05);
    expect(defaultThreshold('chisquare')).toBe(0.05);
    expect(defaultThreshold('wasserstein')).toBe(0.1);
    expect(defaultThreshold('hellinger')).toBe(0.1);
    expect(isDrift('ks', 0.05, 0.05)).toBe(true);
    expect(isDrift('chisquare', 0.05, 0.05)).toBe(false);
    expect(isDrift('z', 0.049, 0.05)).toBe(true);
    expect(isDrift('jensenshannon', 0.1, 0.1)).toBe(true);
    expect(isDrift('psi', 0.099, 0.1)).toBe(false);
  });
});
