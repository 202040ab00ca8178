import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OTHER_LABEL,
  NULL_LABEL,
  type BarChart,
  type BoxChart,
  type ChartData,
  type ChartSpecInput,
  type HistogramChart,
  type LineChart,
  type SavedChart,
  type ScatterChart,
  type ViolinChart,
} from '../../shared/contract';
import { failure, resourcesDir, tempDir } from '../../test/helpers';
import { createBackend, type Backend } from '../backend';
import { silentLogger } from '../log';
import { timeBucket } from './chart-relations';

/** The generated dataset, kept in JS so that the expected aggregates are computed here, independently. */
const ROWS = 300;
const groupNames = ['a', 'b', 'c'];
const rows = Array.from({ length: ROWS }, (_, i) => ({
  v: i % 101,
  grp: i % 50 === 7 ? null : (groupNames[i % 3] ?? 'a'),
  fac: i < 100 ? 'p' : 'q',
  t: Date.UTC(2024, 0, 1) + i * 30 * 60_000,
  label: `L${Math.floor(Math.sqrt(i * 7)) % 12}`,
}));

/** min, max, then a value the raw floor puts one bin too low and one it puts one bin too high, for 7 bins. */
const EDGE_VALUES = ['-3.656357558875988', '2.2909352259909177', '-2.8067443038950017', '-1.1075177939330285', '-0.2579045389520421', '0.5917087160289441'];

const iso = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('.000Z', '');

describe('data.chart and saved charts', () => {
  const home = tempDir('workbench-charts-');
  const workspaceDir = join(home.path, 'ws');
  const signal = new AbortController().signal;
  let backend: Backend;

  const call = (procedure: string, input: unknown): Promise<unknown> => backend.router.call(procedure, input, { signal });
  const job = async (procedure: string, input: unknown): Promise<unknown> => {
    const started = (await call(procedure, input)) as { id: string };
    for (;;) {
      const snapshot = backend.jobs.get(started.id);
      if (snapshot.state === 'succeeded') return snapshot.result;
      if (snapshot.state !== 'running') throw new Error(`${procedure} ${snapshot.state}: ${snapshot.error?.message ?? ''}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const chart = async <T extends ChartData>(spec: ChartSpecInput, source: object = { dataset: 'measures' }): Promise<T> =>
    (await call('data.chart', { ...source, spec })) as T;

  beforeAll(async () => {
    mkdirSync(join(workspaceDir, 'data'), { recursive: true });
    const csv = ['v,grp,fac,t,label', ...rows.map((r) => `${r.v},${r.grp ?? ''},${r.fac},${iso(r.t)},${r.label}`)].join('\n');
    writeFileSync(join(workspaceDir, 'data', 'measures.csv'), `${csv}\n`);
    // Values on and just below bin edges where floor((x - lo) / width) is off by one either way.
    writeFileSync(join(workspaceDir, 'data', 'special.csv'), 'x\n1\n2\n3\ninf\nnan\n-inf\n\n4\n');
    writeFileSync(join(workspaceDir, 'data', 'edges.csv'), `x\n${EDGE_VALUES.join('\n')}\n`);
    const box = ['value,grp', ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 100].map((v) => `${v},a`), ...[10, 20, 30, 40].map((v) => `${v},b`)].join('\n');
    writeFileSync(join(workspaceDir, 'data', 'box.csv'), `${box}\n`);
    backend = createBackend({ mode: 'server', appHome: join(home.path, 'app'), sampleDir: join(home.path, 'sample'), resourcesDir, log: silentLogger });
    backend.workspace.open(workspaceDir);
    await job('data.add', { path: join(workspaceDir, 'data', 'measures.csv') });
    await job('data.add', { path: join(workspaceDir, 'data', 'box.csv') });
  });

  afterAll(async () => {
    await backend.close();
    home.cleanup();
  });

  it('counts a histogram over shared bins, per colour group (missing values as their own group)', async () => {
    const data = await chart<HistogramChart>({ kind: 'histogram', x: 'v', color: 'grp', bins: 10 });
    expect(data.kind).toBe('histogram');
    expect(data.edges).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(data.rows).toBe(ROWS);
    const expected = new Map<string, number[]>();
    for (const r of rows) {
      const key = r.grp ?? NULL_LABEL;
      const counts = expected.get(key) ?? new Array<number>(10).fill(0);
      counts[Math.min(9, Math.floor(r.v / 10))]! += 1;
      expected.set(key, counts);
    }
    const sizes = [...expected].map(([key, counts]) => [key, counts.reduce((a, b) => a + b)] as const);
    expect(data.groups).toEqual(sizes.sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)).map(([key]) => key));
    expect(data.series.map((s) => s.group)).toEqual(data.groups);
    for (const s of data.series) expect(s.counts).toEqual(expected.get(s.group ?? ''));
    expect(data.series.find((s) => s.group === 'a')?.counts.at(-1)).toBe(rows.filter((r) => r.grp === 'a' && r.v >= 90).length);
  });

  it('bins values that lie on or next to an edge as the edges say, not as the rounded division does', async () => {
    await job('data.add', { path: join(workspaceDir, 'data', 'edges.csv') });
    const data = await chart<HistogramChart>({ kind: 'histogram', x: 'x', bins: 7 }, { dataset: 'edges' });
    const expected = new Array<number>(7).fill(0);
    for (const x of EDGE_VALUES.map(Number)) {
      const bin = data.edges.findLastIndex((edge) => edge <= x);
      expected[Math.min(bin, 6)]! += 1;
    }
    expect(data.series).toHaveLength(1);
    expect(data.series[0]?.counts).toEqual(expected);
    expect(expected).toEqual([1, 1, 1, 1, 1, 0, 1]);
  });

  it('leaves NaN and infinities out of a histogram', async () => {
    await job('data.add', { path: join(workspaceDir, 'data', 'special.csv') });
    const data = await chart<HistogramChart>({ kind: 'histogram', x: 'x', bins: 3 }, { dataset: 'special' });
    expect(data.rows).toBe(4);
    expect(data.edges).toEqual([1, 2, 3, 4]);
    expect(data.series[0]?.counts).toEqual([1, 1, 2]);
  });

  it('lists the columns a chart can use, and bins dates in epoch milliseconds', async () => {
    const columns = (await call('data.columns', { dataset: 'measures' })) as { name: string; type: string }[];
    expect(columns).toEqual([
      { name: 'v', type: 'BIGINT' },
      { name: 'grp', type: 'VARCHAR' },
      { name: 'fac', type: 'VARCHAR' },
      { name: 't', type: 'TIMESTAMP' },
      { name: 'label', type: 'VARCHAR' },
    ]);
    const data = await chart<HistogramChart>({ kind: 'histogram', x: 't', bins: 5 });
    expect(data.xType).toBe('date');
    expect(data.edges[0]).toBe(rows[0]!.t);
    expect(data.edges.at(-1)).toBe(rows.at(-1)!.t);
    const width = (rows.at(-1)!.t - rows[0]!.t) / 5;
    const expected = new Array<number>(5).fill(0);
    for (const r of rows) expected[Math.min(4, Math.floor((r.t - rows[0]!.t) / width))]! += 1;
    expect(data.series[0]?.counts).toEqual(expected);
  });

  it('splits into facets and puts the groups past the largest ten into one "(other)" group', async () => {
    const data = await chart<HistogramChart>({ kind: 'histogram', x: 'v', color: 'label', facet: 'fac', bins: 5 });
    const byLabel = new Map<string, number>();
    for (const r of rows) byLabel.set(r.label, (byLabel.get(r.label) ?? 0) + 1);
    const ranked = [...byLabel].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)).map(([label]) => label);
    expect(ranked.length).toBe(12);
    expect(data.groups).toEqual([...ranked.slice(0, 10), OTHER_LABEL]);
    expect(data.facets).toEqual(['q', 'p']); // the larger facet first
    const total = (facet: string, group: string): number => data.series.find((s) => s.facet === facet && s.group === group)?.counts.reduce((a, b) => a + b) ?? 0;
    const others = new Set(ranked.slice(10));
    expect(total('p', OTHER_LABEL)).toBe(rows.filter((r) => r.fac === 'p' && others.has(r.label)).length);
    expect(total('q', ranked[0]!)).toBe(rows.filter((r) => r.fac === 'q' && r.label === ranked[0]).length);
    expect(data.series.reduce((sum, s) => sum + s.counts.reduce((a, b) => a + b), 0)).toBe(ROWS);
  });

  it('computes box statistics as by hand: interpolated quartiles, whiskers within 1.5 IQR, outliers counted', async () => {
    const data = await chart<BoxChart>({ kind: 'box', x: 'value', color: 'grp' }, { dataset: 'box' });
    // a: 1..9 and 100. Quartile positions (n-1)p = 2.25, 4.5, 6.75; IQR 4.5; fences -3.5 and 14.5.
    expect(data.series.find((s) => s.group === 'a')).toEqual({
      facet: null, group: 'a', n: 10, min: 1, q1: 3.25, median: 5.5, q3: 7.75, max: 100, mean: 14.5, lowerWhisker: 1, upperWhisker: 9, outliers: 1,
    });
    // b: 10, 20, 30, 40. Positions 0.75, 1.5, 2.25; IQR 15; fences -5 and 55.
    expect(data.series.find((s) => s.group === 'b')).toEqual({
      facet: null, group: 'b', n: 4, min: 10, q1: 17.5, median: 25, q3: 32.5, max: 40, mean: 25, lowerWhisker: 10, upperWhisker: 40, outliers: 0,
    });
  });

  it('estimates a violin density that integrates to about one and peaks where the data does', async () => {
    const data = await chart<ViolinChart>({ kind: 'violin', x: 'value', color: 'grp' }, { dataset: 'box' });
    expect(data.grid.length).toBe(100);
    const width = data.grid[1]! - data.grid[0]!;
    const a = data.series.find((s) => s.group === 'a')!;
    const mass = a.density.reduce((sum, d) => sum + d * width, 0);
    expect(mass).toBeGreaterThan(0.8);
    expect(mass).toBeLessThan(1.05);
    const peak = data.grid[a.density.indexOf(Math.max(...a.density))]!;
    expect(peak).toBeLessThan(15); // nine of the ten values lie in 1..9
    expect(a.median).toBe(5.5);
    // Nothing beyond the group's own range.
    const b = data.series.find((s) => s.group === 'b')!;
    data.grid.forEach((g, k) => g > 40 + width && expect(b.density[k]).toBe(0));
  });

  it('counts bars or aggregates y per category, the most frequent first', async () => {
    const counts = await chart<BarChart>({ kind: 'bar', x: 'grp' });
    const tally = new Map<string, number>();
    for (const r of rows) tally.set(r.grp ?? NULL_LABEL, (tally.get(r.grp ?? NULL_LABEL) ?? 0) + 1);
    expect(counts.aggregate).toBe('count');
    expect(counts.categories).toEqual([...tally].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)).map(([k]) => k));
    expect(counts.series[0]?.values).toEqual(counts.categories.map((c) => tally.get(c)));
    expect(counts.omittedCategories).toBe(0);

    const means = await chart<BarChart>({ kind: 'bar', x: 'fac', y: 'v', color: 'grp' });
    expect(means.aggregate).toBe('mean');
    const pa = rows.filter((r) => r.fac === 'p' && r.grp === 'a');
    const values = means.series.find((s) => s.group === 'a')?.values ?? [];
    expect(values[means.categories.indexOf('p')]).toBeCloseTo(pa.reduce((sum, r) => sum + r.v, 0) / pa.length, 9);
    const maxima = await chart<BarChart>({ kind: 'bar', x: 'fac', y: 'v', aggregate: 'max' });
    expect(maxima.series[0]?.values[maxima.categories.indexOf('p')]).toBe(Math.max(...rows.filter((r) => r.fac === 'p').map((r) => r.v)));
  });

  it('aggregates a line per time bucket chosen from the range of x', async () => {
    const data = await chart<LineChart>({ kind: 'line', x: 't', y: 'v', aggregate: 'sum' });
    expect(data.bucket).toBe('hour'); // 150 hours of half-hourly rows
    expect(data.xType).toBe('date');
    const sums = new Map<number, number>();
    for (const r of rows) {
      const hour = r.t - (r.t % 3_600_000);
      sums.set(hour, (sums.get(hour) ?? 0) + r.v);
    }
    expect(data.series[0]?.x).toEqual([...sums.keys()]);
    expect(data.series[0]?.y).toEqual([...sums.values()]);
    expect(timeBucket(90 * 1000)).toBe('second');
    expect(timeBucket(3 * 86_400_000)).toBe('hour');
    expect(timeBucket(365 * 86_400_000)).toBe('day');
    expect(timeBucket(5 * 365 * 86_400_000)).toBe('week');
    expect(timeBucket(30 * 365 * 86_400_000)).toBe('month');
  });

  it('sends scatter points up to 50,000 and a 2-D binned count past that', async () => {
    const query = async (n: number): Promise<string> =>
      ((await job('data.query', { sql: `SELECT i AS x, i % 7 AS y, i % 2 AS parity FROM range(${n}) t(i)` })) as { resultId: string }).resultId;
    const points = await chart<ScatterChart>({ kind: 'scatter', x: 'x', y: 'y', color: 'parity' }, { resultId: await query(50_000) });
    expect(points.binned).toBe(false);
    expect(points.series.map((s) => s.group)).toEqual(['0', '1']);
    expect(points.series.reduce((sum, s) => sum + s.x.length, 0)).toBe(50_000);
    const odd = points.series[1]!;
    expect(odd.x.every((x, i) => x % 2 === 1 && odd.y[i] === x % 7)).toBe(true);

    const n = 50_001;
    const binned = await chart<ScatterChart>({ kind: 'scatter', x: 'x', y: 'y', color: 'parity', bins: 10 }, { resultId: await query(n) });
    expect(binned.binned).toBe(true);
    expect(binned.series).toEqual([]);
    expect(binned.groups).toEqual([]);
    const xEdges = Array.from({ length: 11 }, (_, k) => (k === 10 ? n - 1 : (k * (n - 1)) / 10));
    const yEdges = Array.from({ length: 11 }, (_, k) => (k === 10 ? 6 : (k * 6) / 10));
    binned.xEdges.forEach((edge, k) => expect(edge).toBeCloseTo(xEdges[k]!, 9));
    binned.yEdges.forEach((edge, k) => expect(edge).toBeCloseTo(yEdges[k]!, 9));
    // Bins are [edge k, edge k+1) of the edges the answer gives, the last one closed.
    const binOf = (value: number, edges: number[]): number => Math.min(9, edges.findLastIndex((edge) => value >= edge));
    const expected = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
    for (let i = 0; i < n; i++) expected[binOf(i % 7, binned.yEdges)]![binOf(i, binned.xEdges)]! += 1;
    expect(binned.heatmaps).toEqual([{ facet: null, counts: expected }]);
  });

  it('refuses unknown columns and text where a chart needs numbers, naming the column', async () => {
    const unknown = await failure(chart({ kind: 'histogram', x: 'nope' }));
    expect(unknown.code).toBe('invalid_input');
    expect(unknown.message).toContain('"nope"');
    const text = await failure(chart({ kind: 'box', x: 'grp' }));
    expect(text).toMatchObject({ code: 'invalid_input', message: 'A box plot needs a number column for x; "grp" is VARCHAR.', details: { column: 'grp', role: 'x' } });
    const colour = await failure(chart({ kind: 'histogram', x: 'v', color: 'missing' }));
    expect(colour.message).toContain('"missing" (color)');
    expect((await failure(chart({ kind: 'scatter', x: 'v' }))).message).toBe('A scatter plot needs a y column.');
    expect((await failure(chart({ kind: 'bar', x: 'grp', aggregate: 'sum' }))).code).toBe('invalid_input');
    expect((await failure(call('data.chart', { spec: { kind: 'histogram', x: 'v' } }))).code).toBe('invalid_input');
    expect((await failure(chart({ kind: 'histogram', x: 'v' }, { dataset: 'absent' }))).code).toBe('not_found');
  });

  it('saves, lists, updates and deletes charts in the workspace store', async () => {
    const spec = { kind: 'histogram' as const, x: 'v', color: 'grp', bins: 12 };
    const saved = (await call('charts.save', { name: 'V by group', source: { dataset: 'measures' }, spec })) as SavedChart;
    expect(saved).toMatchObject({ name: 'V by group', source: { dataset: 'measures' }, spec });
    const renamed = (await call('charts.save', { id: saved.id, name: 'Renamed', source: { dataset: 'measures' }, spec: { ...spec, bins: 20 } })) as SavedChart;
    expect(renamed).toMatchObject({ id: saved.id, name: 'Renamed', spec: { bins: 20 }, createdAt: saved.createdAt });
    expect(((await call('charts.list', {})) as SavedChart[]).map((c) => [c.id, c.name])).toEqual([[saved.id, 'Renamed']]);
    // What was saved draws again.
    const reopened = await chart<HistogramChart>(renamed.spec, renamed.source);
    expect(reopened.edges.length).toBe(21);

    expect((await failure(call('charts.save', { name: '  ', source: { dataset: 'measures' }, spec }))).code).toBe('invalid_input');
    expect((await failure(call('charts.save', { id: 'missing', name: 'x', source: { dataset: 'measures' }, spec }))).code).toBe('not_found');
    expect(await call('charts.delete', { id: saved.id })).toEqual({ deleted: true });
    expect(await call('charts.list', {})).toEqual([]);
    expect((await failure(call('charts.delete', { id: saved.id }))).code).toBe('not_found');
  });
});
