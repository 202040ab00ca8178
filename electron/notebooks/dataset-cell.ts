import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../../shared/contract';

const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);

/** A Python string literal (JSON strings are valid Python strings for the text we put in). */
const py = (text: string): string => JSON.stringify(text);

const isGlob = (location: string): boolean => /[*?[]/.test(location);

/** The files of a dataset as one pattern: a folder becomes every file of its format in it. */
function pattern(dataset: Dataset): string {
  const { location, format } = dataset;
  if (!isGlob(location) && existsSync(location) && statSync(location).isDirectory()) return join(location, `*.${format === 'ndjson' ? 'json' : format}`);
  return location;
}

function duckdbRead(dataset: Dataset, files: string): string {
  switch (dataset.format) {
    case 'csv':
      return `read_csv(${py(files).replaceAll('"', "'")})`;
    case 'tsv':
      return `read_csv(${py(files).replaceAll('"', "'")}, delim='\\t')`;
    case 'parquet':
      return `read_parquet(${py(files).replaceAll('"', "'")})`;
    default:
      return `read_json_auto(${py(files).replaceAll('"', "'")})`;
  }
}

function pandasRead(dataset: Dataset, file: string): string {
  switch (dataset.format) {
    case 'csv':
      return `pd.read_csv(${file})`;
    case 'tsv':
      return `pd.read_csv(${file}, sep="\\t")`;
    case 'parquet':
      return `pd.read_parquet(${file})`;
    case 'ndjson':
      return `pd.read_json(${file}, lines=True)`;
    default:
      return `pd.read_json(${file})`;
  }
}

/**
 * Python that loads a dataset into a pandas DataFrame named after it: through
 * DuckDB's Python client when the kernel has it (the same reader as the
 * workbench, and fast), else with pandas alone. Columns the workbench read as
 * numbers or dates despite dirty values are converted the same way, the
 * unparsed values becoming missing, so the notebook sees what the Data view showed.
 */
export function datasetCell(dataset: Dataset): { code: string; variable: string } {
  const variable = PYTHON_KEYWORDS.has(dataset.name) ? `${dataset.name}_df` : dataset.name;
  const header = `# ${dataset.name}: ${dataset.location} (${dataset.format}), added in ML Workbench`;
  if (dataset.format === 'sql') {
    return {
      variable,
      code: `${header}\n# A SQL view inside the workbench; save it as Parquet (Data ▸ SQL ▸ Save as dataset ▸ Parquet) to load it here.\n# Its SQL:\n${dataset.location
        .split('\n')
        .map((line) => `#   ${line}`)
        .join('\n')}`,
    };
  }
  if (dataset.format === 'duckdb') {
    const [path = '', table = ''] = dataset.location.split('::');
    return {
      variable,
      code: `${header}\nimport duckdb\n\nwith duckdb.connect(${py(path)}, read_only=True) as con:\n    ${variable} = con.table(${py(table)}).df()\n${variable}.head()`,
    };
  }
  const files = pattern(dataset);
  const conversions = dataset.columns.flatMap((column) => {
    if (!column.coercedFrom) return [];
    const target = `${variable}[${py(column.name)}]`;
    return /^(DATE|TIMESTAMP)/.test(column.type) ? [`${target} = pd.to_datetime(${target}, errors="coerce")`] : [`${target} = pd.to_numeric(${target}, errors="coerce")`];
  });
  const pandasLoad = isGlob(files)
    ? `import glob\n    ${variable} = pd.concat([${pandasRead(dataset, 'f')} for f in sorted(glob.glob(${py(files)}))], ignore_index=True)`
    : `${variable} = ${pandasRead(dataset, py(files))}`;
  const lines = [
    header,
    'import pandas as pd',
    '',
    'try:',
    '    import duckdb',
    `    ${variable} = duckdb.sql(${py(`SELECT * FROM ${duckdbRead(dataset, files)}`)}).df()`,
    'except ImportError:',
    `    ${pandasLoad}`,
    ...conversions,
    `${variable}.head()`,
  ];
  return { variable, code: lines.join('\n') };
}
