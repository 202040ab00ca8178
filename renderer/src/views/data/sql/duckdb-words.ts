/**
 * DuckDB words the generic SQL grammar lacks, for highlighting and completion.
 * Not exhaustive: the clauses and functions a data scientist types every day.
 */
export const duckdbKeywords = [
  'ANTI', 'ASOF', 'ATTACH', 'COLUMNS', 'COPY', 'DESCRIBE', 'DETACH', 'EXCLUDE', 'EXPORT', 'FILTER', 'GLOB',
  'GROUPS', 'ILIKE', 'IMPORT', 'INSTALL', 'LAMBDA', 'LATERAL', 'LIMIT', 'LOAD', 'MACRO', 'MATERIALIZED',
  'OFFSET', 'OVER', 'PARTITION', 'PIVOT', 'PIVOT_LONGER', 'PIVOT_WIDER', 'POSITIONAL', 'PRAGMA', 'QUALIFY',
  'RECURSIVE', 'REPLACE', 'RETURNING', 'SAMPLE', 'SEMI', 'SHOW', 'SIMILAR', 'SUMMARIZE', 'TABLESAMPLE',
  'TIES', 'UNPIVOT', 'USING', 'WINDOW', 'WITHIN',
];

export const duckdbTypes = [
  'BIGINT', 'BIT', 'BLOB', 'BOOLEAN', 'DATE', 'DECIMAL', 'DOUBLE', 'ENUM', 'FLOAT', 'HUGEINT', 'INTEGER',
  'INTERVAL', 'JSON', 'LIST', 'MAP', 'REAL', 'SMALLINT', 'STRUCT', 'TIME', 'TIMESTAMP', 'TIMESTAMPTZ',
  'TINYINT', 'UBIGINT', 'UHUGEINT', 'UINTEGER', 'UNION', 'USMALLINT', 'UTINYINT', 'UUID', 'VARCHAR',
];

export const duckdbFunctions = [
  // Readers and table functions
  'read_csv', 'read_csv_auto', 'read_parquet', 'read_json', 'read_json_auto', 'read_text', 'read_blob',
  'parquet_scan', 'parquet_schema', 'parquet_metadata', 'sniff_csv', 'glob', 'range', 'generate_series', 'unnest',
  // Aggregates
  'count', 'count_if', 'sum', 'avg', 'mean', 'min', 'max', 'median', 'mode', 'quantile', 'quantile_cont',
  'quantile_disc', 'approx_count_distinct', 'approx_quantile', 'arg_max', 'arg_min', 'max_by', 'min_by',
  'stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop', 'corr', 'covar_pop', 'covar_samp',
  'regr_slope', 'regr_intercept', 'regr_r2', 'entropy', 'kurtosis', 'skewness', 'histogram', 'bool_and',
  'bool_or', 'any_value', 'first', 'last', 'list', 'array_agg', 'string_agg', 'group_concat', 'product',
  // Window functions
  'row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value',
  'last_value', 'nth_value',
  // Scalars
  'coalesce', 'ifnull', 'nullif', 'greatest', 'least', 'try_cast', 'typeof', 'hash', 'md5', 'random', 'setseed',
  'abs', 'round', 'floor', 'ceil', 'sqrt', 'power', 'exp', 'ln', 'log', 'log2', 'log10', 'sign', 'isnan', 'isinf',
  'length', 'strlen', 'lower', 'upper', 'trim', 'ltrim', 'rtrim', 'substr', 'substring', 'left', 'right',
  'replace', 'concat', 'concat_ws', 'contains', 'starts_with', 'ends_with', 'lpad', 'rpad', 'split_part',
  'string_split', 'regexp_matches', 'regexp_replace', 'regexp_extract', 'regexp_full_match', 'format',
  'printf', 'levenshtein', 'jaro_winkler_similarity',
  'now', 'today', 'current_date', 'current_timestamp', 'date_trunc', 'date_part', 'date_diff', 'date_add',
  'datediff', 'datepart', 'strftime', 'strptime', 'epoch', 'epoch_ms', 'make_date', 'make_timestamp',
  'to_timestamp', 'age', 'year', 'month', 'day', 'hour', 'minute', 'second', 'dayofweek', 'week', 'quarter',
  'list_value', 'list_contains', 'list_distinct', 'list_sort', 'list_transform', 'list_filter', 'list_reduce',
  'list_aggregate', 'list_extract', 'list_slice', 'array_length', 'len', 'flatten', 'struct_pack',
  'struct_extract', 'map', 'map_keys', 'map_values', 'map_extract', 'json_extract', 'json_extract_string',
  'to_json', 'from_json',
];
