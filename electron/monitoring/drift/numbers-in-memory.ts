import { valueExpression, type ColumnInput, type ColumnStats, type Runner } from './queries';
import { binEdge, emptyFineBins, type BinCounts, type FineBins, type Inside, type Numbers, type Refine } from './ecdf';

/**
 * Numeric columns' non-missing values read into memory, a batch of columns
 * at a time, and counted in typed arrays. For columns of a few million
 * values this is several times faster than DuckDB's GROUP BY over 80,000
 * bins and its window walk, and the walk needs no second scan: the values in
 * the refined bins are picked out and sorted here. Reading several columns
 * per query shares DuckDB's cost per chunk (2,048 rows) among them. Columns
 * over the caller's cap stay in DuckDB (numbers-in-duckdb.ts).
 */
export interface Samples {
  reference: Float64Array;
  current: Float64Array;
}

/**
 * The columns' values on each side, missing values left out. `reference` and
 * `current` are relations holding the columns under their own names.
 */
export async function readSamples(run: Runner, reference: string, current: string, columns: ColumnInput[]): Promise<Samples[]> {
  const select = columns.map((column) => valueExpression(column)).join(', ');
  const ref = await run.doubles(`SELECT ${select} FROM ${reference}`);
  const cur = await run.doubles(`SELECT ${select} FROM ${current}`);
  return columns.map((_, i) => ({ reference: withoutMissing(ref[i]), current: withoutMissing(cur[i]) }));
}

/** The numeric columns read `perBatch` at a time, each batch when its first column is asked for; a column's values are let go once taken. */
export class SampleBatches {
  private readonly loaded = new Map<ColumnInput, Samples>();

  constructor(
    private readonly run: Runner,
    private readonly reference: string,
    private readonly current: string,
    private readonly columns: ColumnInput[],
    private readonly perBatch: number,
  ) {}

  async take(column: ColumnInput): Promise<Samples> {
    if (!this.loaded.has(column)) {
      const at = Math.max(0, this.columns.indexOf(column));
      const batch = this.columns.slice(at, at + this.perBatch);
      const samples = await readSamples(this.run, this.reference, this.current, batch);
      batch.forEach((member, i) => this.loaded.set(member, samples[i] as Samples));
    }
    const samples = this.loaded.get(column) as Samples;
    this.loaded.delete(column);
    return samples;
  }
}

/** `doubles` reads NULL as NaN, and valueExpression made every NaN a NULL: NaN is missing. Compacted in place. */
function withoutMissing(values: Float64Array | undefined): Float64Array {
  if (!values) return new Float64Array(0);
  let kept = 0;
  while (kept < values.length && values[kept] === values[kept]) kept++;
  if (kept === values.length) return values;
  for (let i = kept + 1; i < values.length; i++) {
    const v = values[i] as number;
    if (v === v) values[kept++] = v;
  }
  return values.subarray(0, kept);
}

/** The column's counts, range and the reference's population standard deviation (two passes, as numpy.std). */
export function sampleStats(samples: Samples, refRows: number, curRows: number): ColumnStats {
  const { reference, current } = samples;
  const ref = finiteRange(reference);
  const cur = finiteRange(current);
  let refStd: number | null = null;
  const finite = reference.length - ref.infinite;
  if (finite > 0) {
    const mean = ref.sum / finite;
    let squares = 0;
    for (let i = 0; i < reference.length; i++) {
      const v = reference[i] as number;
      if (Number.isFinite(v)) squares += (v - mean) ** 2;
    }
    refStd = Math.sqrt(squares / finite);
  }
  const min = Math.min(ref.min, cur.min);
  const max = Math.max(ref.max, cur.max);
  const any = min <= max;
  return { refRows, curRows, refNonNull: reference.length, curNonNull: current.length, refInfinite: ref.infinite, curInfinite: cur.infinite, min: any ? min : null, max: any ? max : null, refStd };
}

/** Range and sum of the finite values; infinities counted apart. */
function finiteRange(values: Float64Array): { min: number; max: number; sum: number; infinite: number } {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let infinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === Infinity || v === -Infinity) {
      infinite++;
      continue;
    }
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max, sum, infinite };
}

export function numbersInMemory(samples: Samples): Numbers {
  return {
    fineBins: (low, high, count) => Promise.resolve(fineBins(samples, low, high, count)),
    walk: (bins, refine, nRef, nCur) => Promise.resolve(walk(samples, bins, refine, nRef, nCur)),
    binCounts: (low, high, bins) => Promise.resolve(binCounts(samples, low, high, bins)),
  };
}

/** As queries.ts's binExpression: equal-width bins from `low`, the last one closed. */
function binning(low: number, high: number, count: number): { scale: number; last: number } {
  const span = high - low;
  return { scale: span > 0 ? count / span : 0, last: count - 1 };
}

function fineBins(samples: Samples, low: number, high: number, count: number): FineBins {
  const out = emptyFineBins(low, high, count);
  const { scale, last } = binning(low, high, count);
  unpair(countAndSum(samples.reference, low, scale, last), out.rc, out.rs);
  unpair(countAndSum(samples.current, low, scale, last), out.cc, out.cs);
  for (let k = 0; k < count; k++) if ((out.rc[k] as number) > 0 || (out.cc[k] as number) > 0) out.nonEmpty++;
  return out;
}

/**
 * Count and sum per bin side by side in one array: one cache line per value
 * instead of two (80,000 bins outgrow the L2 cache). A plain function, not a
 * closure: V8 then keeps `low`, `scale` and `last` in registers.
 */
function countAndSum(values: Float64Array, low: number, scale: number, last: number): Float64Array {
  const pairs = new Float64Array(2 * (last + 1));
  for (let i = 0; i < values.length; i++) {
    const offset = (values[i] as number) - low;
    // offset ≥ 0 and offset·scale ≤ bins: truncation is floor, in int32.
    const at = Math.min((offset * scale) | 0, last) << 1;
    pairs[at] = (pairs[at] as number) + 1;
    pairs[at + 1] = (pairs[at + 1] as number) + offset;
  }
  return pairs;
}

function unpair(pairs: Float64Array, counts: Float64Array, sums: Float64Array): void {
  for (let k = 0; k < counts.length; k++) {
    counts[k] = pairs[2 * k] as number;
    sums[k] = pairs[2 * k + 1] as number;
  }
}

function binCounts(samples: Samples, low: number, high: number, bins: number): BinCounts {
  const { scale, last } = binning(low, high, bins);
  return { reference: countPerBin(samples.reference, low, scale, last), current: countPerBin(samples.current, low, scale, last) };
}

function countPerBin(values: Float64Array, low: number, scale: number, last: number): number[] {
  const counts = new Float64Array(last + 1);
  for (let i = 0; i < values.length; i++) {
    const k = Math.min((((values[i] as number) - low) * scale) | 0, last);
    counts[k] = (counts[k] as number) + 1;
  }
  return Array.from(counts);
}

/**
 * Each side's values in the refined bins, gathered bin after bin (the fine
 * counts give every bin's place), each bin's run then sorted on its own.
 */
function gather(values: Float64Array, bins: FineBins, refined: Uint8Array, slot: Int32Array, counts: Float64Array, refine: Refine[]): { values: Float64Array; starts: Int32Array } {
  const starts = new Int32Array(refine.length + 1);
  refine.forEach((r, i) => (starts[i + 1] = (starts[i] as number) + (counts[r.bin] as number)));
  const out = new Float64Array(starts[refine.length] as number);
  const fill = starts.slice(0, refine.length);
  const { low } = bins;
  const { scale, last } = binning(low, bins.high, bins.count);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const k = Math.min(((v - low) * scale) | 0, last);
    // A bitmap of the refined bins stays in L1; the slot table is read only for the few values that are kept.
    if (((refined[k >> 3] as number) & (1 << (k & 7))) !== 0) out[(fill[slot[k] as number] as number)++] = v;
  }
  for (let i = 0; i < refine.length; i++) out.subarray(starts[i], starts[i + 1]).sort();
  return { values: out, starts };
}

/** The exact walk inside the refined bins: from the bin's left edge with `before`, a step at each distinct value, to its right edge. */
function walk(samples: Samples, bins: FineBins, refine: Refine[], nRef: number, nCur: number): Inside {
  const slot = new Int32Array(bins.count);
  const refined = new Uint8Array((bins.count + 7) >> 3);
  refine.forEach((r, i) => {
    slot[r.bin] = i;
    refined[r.bin >> 3] = (refined[r.bin >> 3] as number) | (1 << (r.bin & 7));
  });
  const ref = gather(samples.reference, bins, refined, slot, bins.rc, refine);
  const cur = gather(samples.current, bins, refined, slot, bins.cc, refine);
  let ks = 0;
  let wasserstein = 0;
  refine.forEach(({ bin, before, crosses }, r) => {
    let i = ref.starts[r] as number;
    let j = cur.starts[r] as number;
    const iEnd = ref.starts[r + 1] as number;
    const jEnd = cur.starts[r + 1] as number;
    let gap = before;
    let at = binEdge(bins, bin);
    let area = 0;
    let refSeen = 0;
    let curSeen = 0;
    while (i < iEnd || j < jEnd) {
      const x = Math.min(i < iEnd ? (ref.values[i] as number) : Infinity, j < jEnd ? (cur.values[j] as number) : Infinity);
      area += Math.abs(gap) * (x - at);
      while (i < iEnd && ref.values[i] === x) {
        i++;
        refSeen++;
      }
      while (j < jEnd && cur.values[j] === x) {
        j++;
        curSeen++;
      }
      gap = before + refSeen / nRef - curSeen / nCur;
      ks = Math.max(ks, Math.abs(gap));
      at = x;
    }
    if (crosses) wasserstein += area + Math.abs(gap) * (binEdge(bins, bin + 1) - at);
  });
  return { ks, wasserstein };
}
