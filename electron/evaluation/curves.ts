/**
 * Threshold curves of one binary problem (a class against the rest), computed
 * as scikit-learn's `_binary_clf_curve`, `roc_curve`, `precision_recall_curve`,
 * `average_precision_score` and `calibration_curve` do, so that the figures
 * agree with it to rounding.
 */

/** Counts at each distinct score, highest score first: rows scored at or above `thresholds[k]`. */
export interface ThresholdCounts {
  falsePositives: Float64Array;
  truePositives: Float64Array;
  thresholds: Float64Array;
}

/** `positive[i]` is 1 when row i belongs to the class, `scores[i]` its score for it. */
export function thresholdCounts(positive: Uint8Array, scores: ArrayLike<number>): ThresholdCounts {
  // Sorting each class's scores natively and merging them is several times
  // faster than sorting row numbers with a comparator, and ties group the same.
  const positiveCount = positive.reduce((sum, flag) => sum + flag, 0);
  const ofPositives = new Float64Array(positiveCount);
  const ofNegatives = new Float64Array(positive.length - positiveCount);
  let p = 0;
  let q = 0;
  positive.forEach((flag, i) => {
    if (flag) ofPositives[p++] = scores[i] ?? 0;
    else ofNegatives[q++] = scores[i] ?? 0;
  });
  ofPositives.sort();
  ofNegatives.sort();
  const falsePositives: number[] = [];
  const truePositives: number[] = [];
  const thresholds: number[] = [];
  while (p > 0 || q > 0) {
    const threshold = Math.max(p > 0 ? (ofPositives[p - 1] ?? 0) : -Infinity, q > 0 ? (ofNegatives[q - 1] ?? 0) : -Infinity);
    while (p > 0 && ofPositives[p - 1] === threshold) p--;
    while (q > 0 && ofNegatives[q - 1] === threshold) q--;
    truePositives.push(positiveCount - p);
    falsePositives.push(ofNegatives.length - q);
    thresholds.push(threshold);
  }
  return { falsePositives: Float64Array.from(falsePositives), truePositives: Float64Array.from(truePositives), thresholds: Float64Array.from(thresholds) };
}

export interface Curve {
  x: number[];
  y: number[];
}

/**
 * The ROC curve (x: false positive rate, y: true positive rate), with
 * scikit-learn's `drop_intermediate=True`: points on a straight segment are
 * left out. Undefined (null) unless both classes are present.
 */
export function rocCurve(counts: ThresholdCounts): Curve | null {
  const { falsePositives: fps, truePositives: tps } = counts;
  const last = fps.length - 1;
  const negatives = fps[last] ?? 0;
  const positives = tps[last] ?? 0;
  if (negatives === 0 || positives === 0) return null;
  const x = [0];
  const y = [0];
  const bends = (values: Float64Array, k: number): boolean => (values[k + 1] ?? 0) - 2 * (values[k] ?? 0) + (values[k - 1] ?? 0) !== 0;
  for (let k = 0; k <= last; k++) {
    if (last >= 2 && k > 0 && k < last && !bends(fps, k) && !bends(tps, k)) continue;
    x.push((fps[k] ?? 0) / negatives);
    y.push((tps[k] ?? 0) / positives);
  }
  return { x, y };
}

/** Trapezoidal area under a curve whose x never decreases, as `sklearn.metrics.auc`. */
export function areaUnder(curve: Curve): number {
  let area = 0;
  let x = curve.x[0] ?? 0;
  let y = curve.y[0] ?? 0;
  for (let k = 1; k < curve.x.length; k++) {
    const nextX = curve.x[k] ?? 0;
    const nextY = curve.y[k] ?? 0;
    area += ((nextX - x) * (nextY + y)) / 2;
    x = nextX;
    y = nextY;
  }
  return area;
}

/**
 * The precision-recall curve (x: recall, y: precision), in scikit-learn's
 * order: recall decreasing, ending at (0, 1). Null when the class has no rows.
 */
export function precisionRecallCurve(counts: ThresholdCounts): Curve | null {
  const { falsePositives: fps, truePositives: tps } = counts;
  const last = tps.length - 1;
  const positives = tps[last] ?? 0;
  if (positives === 0) return null;
  const x: number[] = [];
  const y: number[] = [];
  for (let k = last; k >= 0; k--) {
    const truePositives = tps[k] ?? 0;
    const predicted = truePositives + (fps[k] ?? 0);
    y.push(predicted === 0 ? 0 : truePositives / predicted);
    x.push(truePositives / positives);
  }
  x.push(0);
  y.push(1);
  return { x, y };
}

/** `average_precision_score`: the sum of precision at each threshold weighted by the gain in recall. */
export function averagePrecision(pr: Curve): number {
  let sum = 0;
  for (let k = 0; k + 1 < pr.x.length; k++) sum -= ((pr.x[k + 1] ?? 0) - (pr.x[k] ?? 0)) * (pr.y[k] ?? 0);
  return sum;
}

export interface Calibration {
  predicted: number[];
  observed: number[];
  counts: number[];
}

/**
 * `calibration_curve(strategy='uniform')`: equal-width bins on [0, 1], a score
 * on an inner edge going to the lower bin (numpy's searchsorted, side left).
 * Empty bins are left out; `counts` says how many rows each kept bin holds.
 */
export function calibrationCurve(positive: Uint8Array, scores: ArrayLike<number>, bins = 10): Calibration {
  // Edges as numpy.linspace(0, 1, bins + 1) computes them: i * step.
  const step = 1 / bins;
  const edges = Array.from({ length: bins - 1 }, (_, i) => (i + 1) * step);
  const sums = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const totals = new Int32Array(bins);
  for (let i = 0; i < positive.length; i++) {
    const score = scores[i] ?? 0;
    let bin = 0;
    while (bin < edges.length && (edges[bin] ?? 1) < score) bin++;
    sums[bin] = (sums[bin] ?? 0) + score;
    hits[bin] = (hits[bin] ?? 0) + (positive[i] ?? 0);
    totals[bin] = (totals[bin] ?? 0) + 1;
  }
  const result: Calibration = { predicted: [], observed: [], counts: [] };
  totals.forEach((total, bin) => {
    if (total === 0) return;
    result.predicted.push((sums[bin] ?? 0) / total);
    result.observed.push((hits[bin] ?? 0) / total);
    result.counts.push(total);
  });
  return result;
}

/** At most `limit` points, evenly spread by index, the first and last always kept. */
export function thinCurve(curve: Curve, limit = 500): Curve {
  const n = curve.x.length;
  if (n <= limit) return { x: [...curve.x], y: [...curve.y] };
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < limit; i++) {
    const k = Math.round((i * (n - 1)) / (limit - 1));
    x.push(curve.x[k] ?? 0);
    y.push(curve.y[k] ?? 0);
  }
  return { x, y };
}
