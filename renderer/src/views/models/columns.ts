import type { ModelVersion } from '../../../../shared/contract';

/** The figures people judge a model by first: shown before the other test metrics. */
const headline = ['test_roc_auc', 'test_accuracy', 'test_f1', 'test_r2', 'test_rmse', 'test_mae'];

function rank(key: string): number {
  const index = headline.indexOf(key);
  return index === -1 ? headline.length : index;
}

/**
 * The metrics the versions table shows, a few at most: the test ones when
 * there are any (they say how a model does on data it never saw), the
 * headline figures first; else any, by name.
 */
export function metricColumns(versions: ModelVersion[], max = 4): string[] {
  const keys = [...new Set(versions.flatMap((v) => Object.keys(v.lineage.metrics)))].sort();
  const test = keys.filter((key) => key.startsWith('test_')).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return (test.length > 0 ? test : keys).slice(0, max);
}
