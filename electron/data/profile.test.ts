import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryProfile, ColumnProfile, NumericProfile, Profile } from '../../shared/contract';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { repoRoot, tempDir } from '../../test/helpers';
import { createEngine, type Engine } from './engine';
import { sampleSql, SAMPLE_ROWS } from './profile';
import { profileFile } from '.';

const fixture = join(repoRoot, 'test/fixtures/profile/mixed.csv');
interface Expected {
  rows: number;
  unparsed: Record<string, number>;
  columns: Record<string, Record<string, unknown>>;
  pearson: number[][];
  spearman_complete: Record<string, number>;
  cramers_v: Record<string, number>;
  eta_score_by_label: number;
}
/** Expected statistics computed with pandas, numpy and scipy by make_fixture.py. */
const expected = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/profile/mixed.expected.json'), 'utf8')) as Expected;

const column = (profile: Profile, name: string): ColumnProfile => {
  const found = profile.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
};

function checkAgainstPandas(profile: Profile): void {
  expect(profile.rowCount).toBe(expected.rows);
  for (const name of ['score', 'amount', 'visits']) {
    const got = column(profile, name) as NumericProfile;
    const want = expected.columns[name] as { count: number; nulls: number; distinct: number; min: number; max: number; mean: number; std: number; quantiles: Record<string, number>; histogram: { counts: number[]; edges: number[] } };
    expect(got.kind).toBe('numeric');
    expect({ count: got.count, nulls: got.nulls, distinct: got.distinct }).toEqual({ count: want.count, nulls: want.nulls, distinct: want.distinct });
    expect(got.distinctApprox).toBe(false);
    expect(got.min).toBeCloseTo(want.min, 9);
    expect(got.max).toBeCloseTo(want.max, 9);
    expect(got.mean).toBeCloseTo(want.mean, 9);
    expect(got.std).toBeCloseTo(want.std, 9);
    expect(got.quantileMethod).toBe('exact');
    for (const [key, value] of Object.entries(want.quantiles)) expect(got.quantiles[key as keyof typeof got.quantiles]).toBeCloseTo(value, 9);
    expect(got.histogram.counts).toEqual(want.histogram.counts);
    got.histogram.edges.forEach((edge, i) => expect(edge).toBeCloseTo(want.histogram.edges[i]!, 9));
  }
  for (const name of ['level', 'region', 'label']) {
    const got = column(profile, name) as CategoryProfile;
    const want = expected.columns[name] as { count: number; nulls: number; distinct: number; top: unknown[]; lengths: { min: number; mean: number; max: number } };
    expect(got.kind).toBe('category');
    expect({ count: got.count, nulls: got.nulls, distinct: got.distinct, top: got.top }).toEqual({ count: want.count, nulls: want.nulls, distinct: want.distinct, top: want.top });
    expect(got.lengths.min).toBe(want.lengths.min);
    expect(got.lengths.max).toBe(want.lengths.max);
    expect(got.lengths.mean).toBeCloseTo(want.lengths.mean, 9);
  }
  const day = column(profile, 'day');
  const wantDay = expected.columns.day as { count: number; min: string; max: string; distinct: number };
  expect(day).toMatchObject({ kind: 'date', count: wantDay.count, distinct: wantDay.distinct });
  expect(day.kind === 'date' && day.min?.slice(0, 10)).toBe(wantDay.min.slice(0, 10));
  expect(day.kind === 'date' && day.max?.slice(0, 10)).toBe(wantDay.max.slice(0, 10));

  const { pearson, spearman, cramersV } = profile.correlations;
  expect(pearson.columns).toEqual(['score', 'amount', 'visits']);
  pearson.values.forEach((row, i) => row.forEach((value, j) => expect(value).toBeCloseTo(expected.pearson[i]![j]!, 9)));
  expect(spearman.values[0]![2]).toBeCloseTo(expected.spearman_complete['score:visits']!, 9);
  expect(cramersV.columns).toEqual(['level', 'region', 'label']);
  expect(cramersV.values[0]![1]).toBeCloseTo(expected.cramers_v['level:region']!, 9);
  expect(cramersV.values[0]![2]).toBeCloseTo(expected.cramers_v['level:label']!, 9);
  expect(cramersV.values[1]![2]).toBeCloseTo(expected.cramers_v['region:label']!, 9);
  expect(profile.correlations.exact).toBe(true);
}

describe('profiles, checked against pandas', () => {
  let test: TestBackend;
  beforeAll(async () => {
    test = await openTestBackend();
  });
  afterAll(() => test.close());

  it('profiles a dataset through the API, reports unparsed values, and splits by a target', async () => {
    const { datasets } = await test.client.runJob('data.add', { path: fixture });
    const dataset = datasets[0]!;
    expect(dataset.columns.find((c) => c.name === 'amount')).toEqual({ name: 'amount', type: 'DOUBLE', coercedFrom: 'VARCHAR', unparsed: expected.unparsed.amount });
    expect(dataset.columns.find((c) => c.name === 'day')?.type).toBe('DATE');
    expect(dataset.columns.find((c) => c.name === 'label')?.type).toBe('VARCHAR');

    const profile = await test.client.runJob('data.profile', { dataset: dataset.name, targetColumn: 'label' });
    checkAgainstPandas(profile);
    expect(profile.cached).toBe(false);
    const score = profile.target?.columns.find((c) => c.name === 'score');
    expect(score?.kind).toBe('numeric');
    expect(score?.strength).toBeCloseTo(expected.eta_score_by_label, 9);
    const yes = score?.groups.find((g) => g.target === 'yes')?.counts.reduce((a, b) => a + b, 0);
    const no = score?.groups.find((g) => g.target === 'no')?.counts.reduce((a, b) => a + b, 0);
    expect((yes ?? 0) + (no ?? 0)).toBe(expected.rows);
    expect(profile.target?.columns.find((c) => c.name === 'level')?.strength).toBeCloseTo(expected.cramers_v['level:label']!, 9);

    const again = await test.client.runJob('data.profile', { dataset: dataset.name, targetColumn: 'label' });
    expect(again.cached).toBe(true);
    expect(again.columns).toEqual(profile.columns);
  });

  it('gives the same profile from the command line code', async () => {
    const profile = await profileFile(fixture, {});
    checkAgainstPandas(profile);
    expect(profile.unparsed).toEqual({ amount: expected.unparsed.amount });
  });
});

describe('the correlation sample past two million rows', () => {
  let engine: Engine;
  const home = tempDir('workbench-sample-');
  beforeAll(async () => {
    engine = await createEngine({ tempDirectory: home.path });
    // Sorted by i on purpose: a sample of neighbouring rows only would show it.
    await engine.execute('CREATE TABLE big AS SELECT range AS i, range % 7 AS k FROM range(3000000)');
  });
  afterAll(() => {
    engine.close();
    home.cleanup();
  });

  it('holds SAMPLE_ROWS rows spread over the whole table', async () => {
    const { rows } = await engine.query(`SELECT count(*), min(i), max(i), avg(i), count(DISTINCT i // 2048) FROM (${sampleSql('big', 3_000_000)})`);
    const [count, min, max, mean, vectors] = (rows[0] ?? []).map(Number);
    expect(count).toBe(SAMPLE_ROWS);
    expect(min).toBeLessThan(30_000);
    expect(max).toBeGreaterThan(2_970_000);
    expect(Math.abs((mean ?? 0) - 1_500_000)).toBeLessThan(30_000);
    // Hundreds of separate stretches of the table, not a few.
    expect(vectors).toBeGreaterThan(200);
  });

  it('is a plain reservoir sample below the two-stage threshold', () => {
    expect(sampleSql('t', 1_000_000)).not.toContain('system');
    expect(sampleSql('t', 3_000_000)).toContain('system');
  });
});
