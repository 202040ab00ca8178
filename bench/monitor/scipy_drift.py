"""The drift report's tests done the usual way: pandas reads the two files, SciPy tests each column.

    /usr/bin/python3 scipy_drift.py REF.csv CUR.csv MODE NUMERIC,COLS CATEGORICAL,COLS

MODE is 'default' (Evidently's choice for a large reference: Wasserstein normed
for numbers, Jensen-Shannon for categories) or 'ks' (ks_2samp for numbers).
Each column also gets what the workbench's report shows: null shares and a
20-bin histogram on shared edges. Prints one JSON line: timings and scores.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance


def shares_with_epsilon(p):
    nz = p[p != 0]
    if len(nz) and len(nz) < len(p):
        np.place(p, p == 0, nz.min() / 10**6 if nz.min() <= 0.0001 else 0.0001)
    return p


def main():
    ref_path, cur_path, mode, numeric, categorical = sys.argv[1:6]
    numeric = [c for c in numeric.split(",") if c]
    categorical = [c for c in categorical.split(",") if c]
    began = time.perf_counter()
    dtypes = {c: "string" for c in categorical}
    ref = pd.read_csv(ref_path, dtype=dtypes)
    cur = pd.read_csv(cur_path, dtype=dtypes)
    read_done = time.perf_counter()
    scores = {}
    for column in numeric:
        r, c = ref[column], cur[column]
        missing = (r.isna().mean(), c.isna().mean())
        r, c = r.dropna().to_numpy(), c.dropna().to_numpy()
        edges = np.histogram_bin_edges(np.concatenate([r, c]), bins=20)
        histogram = (np.histogram(r, edges)[0] / len(r), np.histogram(c, edges)[0] / len(c))
        if mode == "ks":
            scores[column] = float(stats.ks_2samp(r, c).pvalue)
        else:
            scores[column] = float(stats.wasserstein_distance(r, c) / max(np.std(r), 0.001))
    for column in categorical:
        r, c = ref[column], cur[column]
        missing = (r.isna().mean(), c.isna().mean())
        rc, cc = r.value_counts(), c.value_counts()
        keys = sorted(set(rc.index) | set(cc.index))
        rp = shares_with_epsilon(np.array([rc.get(k, 0) for k in keys], float) / r.notna().sum())
        cp = shares_with_epsilon(np.array([cc.get(k, 0) for k in keys], float) / c.notna().sum())
        scores[column] = float(distance.jensenshannon(rp, cp))
    done = time.perf_counter()
    del missing, histogram
    print(json.dumps({"readSeconds": read_done - began, "testSeconds": done - read_done, "scores": scores, "rows": [len(ref), len(cur)]}))


if __name__ == "__main__":
    main()
