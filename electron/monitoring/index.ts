/**
 * Monitoring reports: a reference and a current source (dataset, file or a
 * window of a model's inference log) compared column by column for drift
 * (tests in ./drift), the model's predictions for drift, model quality and
 * business metrics per time window, saved as versions of a name and exported
 * as one standalone HTML file. Monitors and alerts live in ./monitors.
 */
export { createMonitoringService } from './service';
export type { MonitoringService, MonitoringServiceOptions } from './service';
export type { ReportSummary } from './store';
export { reportHtml, REPORT_CSP } from './html';
export { INFERENCE_DATASET_PREFIX, INFERENCE_TIME_COLUMN } from './sources';
export { createMonitorService, MONITOR_TAG, REPORT_TAG } from './monitors';
export type { MonitorRun, MonitorService, MonitorServiceOptions, ReportRunner } from './monitors';
