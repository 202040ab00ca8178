export { createMonitorService, MONITOR_TAG, REPORT_TAG } from './service';
export type { MonitorRun, MonitorService, MonitorServiceOptions, ReportRunner } from './service';
