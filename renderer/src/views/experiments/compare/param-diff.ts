export interface ParamRow {
  key: string;
  /** One per run, in the runs' order; null where the run lacks the param. */
  values: (string | null)[];
  /** Not every run has the same value (a missing param differs from any value). */
  differs: boolean;
}

/** The params of several runs side by side, by key; with `differencesOnly`, only the keys whose values differ. */
export function paramRows(params: readonly Readonly<Record<string, string>>[], differencesOnly: boolean): ParamRow[] {
  const keys = [...new Set(params.flatMap((each) => Object.keys(each)))].sort((a, b) => a.localeCompare(b));
  const rows = keys.map((key): ParamRow => {
    const values = params.map((each) => each[key] ?? null);
    return { key, values, differs: values.some((value) => value !== values[0]) };
  });
  return differencesOnly ? rows.filter((row) => row.differs) : rows;
}
