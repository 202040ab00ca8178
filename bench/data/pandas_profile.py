"""The pandas side of bench/data: the profile a data scientist would write by hand.

Reads the CSV with pd.read_csv, then describe(include='all'), value_counts() of
every column, and seven quantiles of the numeric columns. Prints one JSON line:
seconds to read, seconds to compute, and the process's peak resident memory.

    /usr/bin/python3 bench/data/pandas_profile.py data.csv
"""
import json
import platform
import resource
import sys
import time

import pandas as pd

QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]


def main(path: str) -> None:
    started = time.perf_counter()
    df = pd.read_csv(path)
    read = time.perf_counter() - started

    started = time.perf_counter()
    described = df.describe(include="all")
    counts = {column: df[column].value_counts() for column in df.columns}
    quantiles = df.select_dtypes("number").quantile(QUANTILES)
    compute = time.perf_counter() - started

    print(json.dumps({
        "rows": len(df),
        "columns": len(df.columns),
        "readSeconds": read,
        "computeSeconds": compute,
        # Linux reports ru_maxrss in KiB.
        "peakMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # Touch the results so none of the work could be skipped.
        "checks": [described.shape[1], sum(len(c) for c in counts.values()), quantiles.shape[0]],
        "pandas": pd.__version__,
        "python": platform.python_version(),
    }))


if __name__ == "__main__":
    main(sys.argv[1])
