import { reportSpecSchema, WorkbenchError, type ColumnDrift, type DataSource, type MonitoringReport, type ReportSpec, type ReportSpecInput } from '../../shared/contract';
import type { DataService, Engine } from '../data';
import { quoteIdent } from '../data';
import type { JobContext } from '../jobs';
import type { Logger } from '../log';
import type { RegistryService } from '../registry';
import type { WorkspaceService } from '../workspace';
import { businessMetrics } from './business';
import { driftColumns } from './drift';
import { writeReportHtml } from './html';
import { predictionDrift } from './prediction';
import { joinLabels, qualityOverTime, windowStart } from './quality';
import { compareSchemas } from './schema';
import { resolveRelation, type ResolvedRelation } from './sources';
import { ReportStore, type ReportSummary } from './store';

export interface MonitoringServiceOptions {
  workspace: WorkspaceService;
  data: DataService;
  registry: Pick<RegistryService, 'resolve' | 'version'>;
  log: Logger;
}

export interface MonitoringService {
  /** Computes the report and saves it as the next version of its name. */
  run(spec: ReportSpecInput, job: JobContext): Promise<MonitoringReport>;
  reports(input: { name?: string; limit: number }): ReportSummary[];
  report(id: string): MonitoringReport;
  exportHtml(id: string, path: string): Promise<{ path: string; bytes: number }>;
  deleteReport(id: string): void;
}

export function createMonitoringService(options: MonitoringServiceOptions): MonitoringService {
  const store = (): ReportStore => new ReportStore(options.workspace.active().store.db);
  return {
    async run(input, job) {
      const report = await computeReport(options, reportSpecSchema.parse(input), job);
      const saved = store().save(report);
      options.log.info('monitoring report saved', { name: saved.name, version: saved.version, drift: saved.drift.detected, alerts: saved.alerts.length });
      return saved;
    },
    reports: ({ name, limit }) => store().list(name, limit),
    report: (id) => store().get(id),
    exportHtml: (id, path) => writeReportHtml(store().get(id), path),
    deleteReport: (id) => store().delete(id),
  };
}

async function computeReport(options: MonitoringServiceOptions, spec: ReportSpec, job: JobContext): Promise<Omit<MonitoringReport, 'id' | 'version'>> {
  const { signal } = job;
  const createdAt = Date.now();
  job.progress(0, 'Reading the data');
  const { engine, relation: reference } = await resolveRelation(options.data, spec.reference, 'reference', signal);
  const { relation: current } = await resolveRelation(options.data, spec.current, 'current', signal);
  const resolvedModel = spec.model === undefined ? null : options.registry.resolve(spec.model);
  const signatureInputs = resolvedModel ? options.registry.version(resolvedModel.name, resolvedModel.version).signature.inputs.map((field) => field.name) : null;

  const quality = spec.quality;
  // As quality.ts reads them: a regression has no class probabilities.
  const prefix = quality?.task === 'regression' ? undefined : quality?.probabilityPrefix;
  const classProbabilities = prefix === undefined ? [] : [...reference.columns, ...current.columns].map((c) => c.name).filter((name) => name.startsWith(prefix));
  const ignored = new Set([
    ...reference.bookkeeping,
    ...current.bookkeeping,
    ...loggedOutputs(options.registry, [spec.reference, spec.current]),
    ...(quality ? [quality.label, quality.prediction, quality.timeColumn, ...(quality.probability ? [quality.probability] : []), ...classProbabilities, ...(quality.labels ? [quality.labels.idColumn] : [])] : []),
    'prediction',
  ]);
  const schema = compareSchemas({ reference, current, requested: spec.columns, modelInputs: signatureInputs, ignored });
  const warnings = [...schema.warnings];

  const compared = spec.columns.length > 0 ? schema.columns : await withoutIdentifiers(engine, reference, schema.columns, warnings, signal);
  job.progress(0.1, `Testing ${compared.length} columns for drift`);
  const driftResults: ColumnDrift[] = compared.length === 0 ? [] : await driftColumns({ engine, reference: reference.sql, current: current.sql, columns: compared, overrides: spec.overrides, byType: spec.byType, materialize: reference.materialize || current.materialize, signal, onColumn: (done, total, column) => job.progress(0.1 + (0.4 * done) / total, `Tested ${done} of ${total} columns for drift (${column})`) });
  const columns = tooFewRows(driftResults, reference.rows, current.rows);
  for (const column of columns) if (column.skipped) warnings.push(`Column "${column.column}": the test was skipped (${column.skipped}).`);
  const tested = columns.filter((column) => !column.skipped);
  const drifted = tested.filter((column) => column.drifted).length;
  const share = tested.length === 0 ? 0 : drifted / tested.length;
  const drift = { columns, drifted, share, detected: tested.length > 0 && share >= spec.driftShare, driftShare: spec.driftShare };

  job.progress(0.5, 'Prediction drift');
  const prediction = await predictionDrift({ engine, reference, current, predictionColumn: quality?.prediction ?? 'prediction', packageDir: resolvedModel?.packageDir ?? null, spec, signal });
  warnings.push(...prediction.warnings);

  const alerts: string[] = [];
  if (drift.detected) alerts.push(`Dataset drift detected: ${drifted} of ${tested.length} columns drifted (share ${share.toFixed(2)} ≥ ${spec.driftShare}).`);

  let qualityResult: MonitoringReport['quality'] = null;
  let currentForWindows = { sql: current.sql, columns: current.columns };
  if (quality) {
    job.progress(0.7, 'Model quality over time');
    let unmatched = 0;
    if (quality.labels) {
      const { relation: labels } = await resolveRelation(options.data, quality.labels.source, 'labels', signal);
      const joined = await joinLabels(engine, current, labels, quality, signal);
      unmatched = joined.unmatched;
      currentForWindows = { sql: joined.sql, columns: [...current.columns.filter((c) => c.name !== quality.label), ...labels.columns.filter((c) => c.name === quality.label)] };
    }
    const result = await qualityOverTime({ engine, reference, current: currentForWindows, quality, unmatchedLabels: unmatched, signal });
    qualityResult = result.quality;
    alerts.push(...result.alerts);
    warnings.push(...result.warnings);
  }

  job.progress(0.9, 'Business metrics');
  const time = quality ? current.columns.find((c) => c.name === quality.timeColumn) : current.columns.find((c) => current.bookkeeping.includes(c.name));
  const business = await businessMetrics({
    engine,
    metrics: spec.business,
    reference: reference.sql,
    current: currentForWindows.sql,
    windowStart: time ? windowStart(time.name, time.type, quality?.window ?? 'week') : null,
    now: createdAt,
    signal,
  });
  warnings.push(...business.warnings);
  if (signal.aborted) throw new WorkbenchError('cancelled', 'The monitoring report was cancelled.');
  job.progress(1, 'Saving the report');
  return {
    name: spec.name,
    createdAt,
    spec,
    model: resolvedModel ? { name: resolvedModel.name, version: resolvedModel.version } : null,
    sources: { reference: reference.fingerprint, current: current.fingerprint, referenceRows: reference.rows, currentRows: current.rows },
    schema: { onlyInReference: schema.onlyInReference, onlyInCurrent: schema.onlyInCurrent, typeMismatches: schema.typeMismatches },
    drift,
    predictionDrift: prediction.drift,
    quality: qualityResult,
    business: business.business,
    alerts,
    warnings,
  };
}

/** Fewer rows than this on either side: a test would say nothing reliable, so it is skipped and the report says why. */
export const MIN_TEST_ROWS = 30;

function tooFewRows(columns: ColumnDrift[], referenceRows: number, currentRows: number): ColumnDrift[] {
  const side = referenceRows < MIN_TEST_ROWS ? `the reference has ${referenceRows} rows` : currentRows < MIN_TEST_ROWS ? `the current window has ${currentRows} rows` : null;
  if (!side) return columns;
  return columns.map((column) => (column.skipped ? column : { ...column, drifted: false, skipped: `${side}; drift tests need at least ${MIN_TEST_ROWS}` }));
}

/**
 * An inference log holds the served model's outputs beside its inputs: they
 * are predictions, not features (prediction drift covers them). The log
 * names an output `<name>_output` when an input has its name.
 */
function loggedOutputs(registry: MonitoringServiceOptions['registry'], sources: DataSource[]): string[] {
  const names: string[] = [];
  for (const source of sources) {
    if (source.kind !== 'inferenceLog') continue;
    try {
      const { name, version } = registry.resolve(source.model);
      for (const output of registry.version(name, version).signature.outputs) names.push(output.name, `${output.name}_output`);
    } catch {
      // An unknown model fails later with its own message (resolveRelation).
    }
  }
  return names;
}

/**
 * Text columns unique on every reference row (customer IDs) differ between
 * any two samples: testing them by default would only ever cry drift. They
 * are left out with a warning; naming them in `columns` tests them anyway.
 */
async function withoutIdentifiers(engine: Engine, reference: ResolvedRelation, columns: { name: string; kind: 'numeric' | 'categorical' }[], warnings: string[], signal: AbortSignal): Promise<typeof columns> {
  const text = columns.filter((c) => c.kind === 'categorical');
  if (text.length === 0 || reference.rows < MIN_TEST_ROWS) return columns;
  const counts = await engine.query(`SELECT ${text.map((c) => `count(DISTINCT ${quoteIdent(c.name)})`).join(', ')} FROM ${reference.sql}`, { signal });
  const identifiers = new Set(text.filter((_, i) => Number(counts.rows[0]?.[i] ?? 0) >= 0.95 * reference.rows).map((c) => c.name));
  if (identifiers.size > 0) warnings.push(`Left out as identifiers (a distinct value on nearly every row): ${[...identifiers].join(', ')}. Name them in the columns to test them.`);
  return columns.filter((c) => !identifiers.has(c.name));
}
