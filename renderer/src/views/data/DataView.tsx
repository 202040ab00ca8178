import { useCallback, useMemo, useState } from 'react';
import { ChartsPanel } from './ChartsPanel';
import { DatasetsPanel } from './DatasetsPanel';
import { SqlPanel } from './SqlPanel';
import { DataViewContext, type DataSource, type DataTab, type DataViewApi } from './data-view-context';
import './data.css';

const tabs: { id: DataTab; label: string }[] = [
  { id: 'datasets', label: 'Datasets' },
  { id: 'sql', label: 'SQL' },
  { id: 'charts', label: 'Charts' },
];

/** The Data stage: datasets and their profiles, the SQL editor, charts. Panels stay mounted so their state survives tab switches. */
export function DataView() {
  const [tab, setTab] = useState<DataTab>('datasets');
  const [pendingSql, setPendingSql] = useState<string | null>(null);
  const [pendingChart, setPendingChart] = useState<DataSource | null>(null);
  const takePendingSql = useCallback(() => {
    const sql = pendingSql;
    setPendingSql(null);
    return sql;
  }, [pendingSql]);
  const takePendingChart = useCallback(() => {
    const source = pendingChart;
    setPendingChart(null);
    return source;
  }, [pendingChart]);
  const api = useMemo<DataViewApi>(
    () => ({
      select: setTab,
      openSql: (sql) => {
        setPendingSql(sql);
        setTab('sql');
      },
      pendingSql,
      takePendingSql,
      openChart: (source) => {
        setPendingChart(source);
        setTab('charts');
      },
      pendingChart,
      takePendingChart,
    }),
    [pendingSql, takePendingSql, pendingChart, takePendingChart],
  );

  return (
    <DataViewContext.Provider value={api}>
      <section className="view view-wide" aria-labelledby="view-data" data-testid="view-data">
        <h1 id="view-data">Data</h1>
        <div role="tablist" aria-label="Data tools" className="tabs">
          {tabs.map((t) => (
            <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className="tab" onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" aria-label="Datasets" hidden={tab !== 'datasets'}>
          <DatasetsPanel />
        </div>
        <div role="tabpanel" aria-label="SQL" hidden={tab !== 'sql'}>
          <SqlPanel active={tab === 'sql'} />
        </div>
        <div role="tabpanel" aria-label="Charts" hidden={tab !== 'charts'}>
          <ChartsPanel active={tab === 'charts'} />
        </div>
      </section>
    </DataViewContext.Provider>
  );
}
