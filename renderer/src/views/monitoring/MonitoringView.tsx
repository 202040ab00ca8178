import { useState } from 'react';
import type { MonitoringReport } from '../../../../shared/contract';
import { useBackend } from '../../app/backend';
import { useAction } from '../models/use-action';
import { MonitorsPanel } from './MonitorsPanel';
import { emptyReportForm, type ReportForm } from './report-form';
import { ReportFormPanel } from './ReportFormPanel';
import { ReportsPanel } from './ReportsPanel';
import { ReportView } from './ReportView';
import '../git/git.css';
import '../serving/serving.css';
import './monitoring.css';

type MonitoringTab = 'report' | 'reports' | 'monitors';

const tabs: { id: MonitoringTab; label: string }[] = [
  { id: 'report', label: 'New report' },
  { id: 'reports', label: 'Reports' },
  { id: 'monitors', label: 'Monitors and alerts' },
];

/**
 * The Monitoring stage: run a drift / quality report and read it, browse and
 * compare saved reports, and keep monitors that run on a schedule and alert.
 * Panels stay mounted so the form and a running report survive tab switches.
 */
export function MonitoringView() {
  const { client, workspace } = useBackend();
  const { act } = useAction();
  const [tab, setTab] = useState<MonitoringTab>('report');
  const [form, setForm] = useState<ReportForm>(emptyReportForm);
  const [report, setReport] = useState<MonitoringReport | null>(null);
  const [reportsVersion, setReportsVersion] = useState(0);

  const show = (next: MonitoringReport): void => {
    setReport(next);
    setReportsVersion((n) => n + 1);
    setTab('report');
  };
  const open = (id: string): void => {
    void act(async () => show(await client.call('monitoring.report', { id })));
  };

  return (
    <section className="view view-wide mon-view" aria-labelledby="view-monitoring" data-testid="view-monitoring">
      <h1 id="view-monitoring">Monitoring</h1>
      {workspace === null ? (
        <p className="mon-soft">Open a workspace to monitor its data and models.</p>
      ) : (
        <>
          <div role="tablist" aria-label="Monitoring tools" className="tabs">
            {tabs.map((t) => (
              <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className="tab" data-testid={`monitoring-tab-${t.id}`} onClick={() => setTab(t.id)}>
                {t.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" aria-label="New report" hidden={tab !== 'report'}>
            <div className="mon-layout">
              <ReportFormPanel form={form} onChange={setForm} onReport={show} />
              {report ? <ReportView key={report.id} report={report} /> : <p className="mon-soft">Run a report, or open a saved one from Reports.</p>}
            </div>
          </div>
          <div role="tabpanel" aria-label="Reports" hidden={tab !== 'reports'}>
            <ReportsPanel version={reportsVersion} onOpen={open} />
          </div>
          <div role="tabpanel" aria-label="Monitors and alerts" hidden={tab !== 'monitors'}>
            <MonitorsPanel form={form} onOpenReport={open} />
          </div>
        </>
      )}
    </section>
  );
}
