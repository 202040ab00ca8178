import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChartSource, ChartSpecInput, ResultColumn, SavedChart } from '../../../../shared/contract';
import { useBackend } from '../../app/backend';
import { useNotices } from '../../app/notices';
import { BoxTable } from './charts/BoxTable';
import { ChartForm } from './charts/ChartForm';
import { ChartToolbar } from './charts/ChartToolbar';
import { defaultName, fitSpec } from './charts/columns';
import { buildFigure } from './charts/figure';
import { PlotlyChart } from './charts/PlotlyChart';
import { downloadChart } from './charts/plotly';
import { SavedCharts } from './charts/SavedCharts';
import { datasetSource, sourceFromKey, sourceKey, sourceLabel, sourceOptions } from './charts/sources';
import { summaryOf } from './charts/summary';
import { useThemeColors } from './charts/theme-colors';
import { useChartData, useDatasetList, useSavedCharts, useSourceColumns } from './charts/use-charts';
import { useDataView, type DataSource } from './data-view-context';
import './charts/charts.css';

const initialSpec: ChartSpecInput = { kind: 'histogram', x: '', bins: 40 };

/** The chart builder: a source, a kind and its columns, drawn with plotly from data aggregated in DuckDB; saved charts reopen. */
export function ChartsPanel({ active }: { active: boolean }) {
  const { client, workspace } = useBackend();
  const { reportError, inform } = useNotices();
  const { pendingChart, takePendingChart } = useDataView();
  const datasets = useDatasetList(client, active, workspace?.path, reportError);
  const { saved, reload } = useSavedCharts(client, workspace?.path, reportError);
  const [source, setSource] = useState<ChartSource | null>(null);
  const [results, setResults] = useState<ChartSource[]>([]);
  const [spec, setSpec] = useState<ChartSpecInput>(initialSpec);
  const [openId, setOpenId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const plotRef = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const theme = useThemeColors(probe);

  // A source sent from another panel (openChart) is adopted once while rendering, then taken.
  const [adopted, setAdopted] = useState<DataSource | null>(null);
  if (active && pendingChart !== null && pendingChart !== adopted) {
    setAdopted(pendingChart);
    const next: ChartSource = 'dataset' in pendingChart ? datasetSource(datasets, pendingChart.dataset) : { resultId: pendingChart.resultId, label: pendingChart.label };
    if (!('dataset' in next)) setResults((list) => [...list.filter((r) => sourceKey(r) !== sourceKey(next)), next]);
    setSource(next);
    setOpenId(null);
    setName('');
  }
  useEffect(() => {
    if (active && pendingChart !== null) takePendingChart();
  }, [active, pendingChart, takePendingChart]);

  // Another workspace: its own datasets and results.
  const [shownWorkspace, setShownWorkspace] = useState(workspace?.path);
  if (workspace?.path !== shownWorkspace) {
    setShownWorkspace(workspace?.path);
    setSource(null);
    setResults([]);
    setOpenId(null);
    setName('');
  }
  // The first dataset, until the user picks a source; a dataset named by name becomes its id once the list is known.
  if (source === null && datasets[0]) setSource({ dataset: datasets[0].id });
  if (source && 'dataset' in source) {
    const byId = datasetSource(datasets, source.dataset);
    if (byId.dataset !== source.dataset) setSource(byId);
  }

  const fitToColumns = useCallback((columns: ResultColumn[]) => setSpec((current) => fitSpec(current, columns)), []);
  const loaded = useSourceColumns(client, source, fitToColumns);
  const ready = source !== null && loaded.key === sourceKey(source) && loaded.error === null;
  const { chart, drawing, error } = useChartData(client, source, spec, ready);
  const figure = useMemo(() => (chart ? buildFigure(chart, theme) : null), [chart, theme]);
  const options = sourceOptions(datasets, results, source);

  const open = (saved: SavedChart): void => {
    const from = saved.source;
    if (!('dataset' in from)) setResults((list) => [...list.filter((r) => sourceKey(r) !== sourceKey(from)), from]);
    setSource(from);
    setSpec(saved.spec);
    setOpenId(saved.id);
    setName(saved.name);
  };

  const save = async (asNew: boolean): Promise<void> => {
    if (!source) return;
    try {
      const chartName = name.trim() || defaultName(spec);
      const stored = await client.call('charts.save', { ...(openId && !asNew ? { id: openId } : {}), name: chartName, source, spec });
      setOpenId(stored.id);
      setName(stored.name);
      reload();
      inform(`Saved the chart “${stored.name}”.`);
    } catch (failure) {
      reportError(failure);
    }
  };

  const remove = async (target: SavedChart): Promise<void> => {
    try {
      await client.call('charts.delete', { id: target.id });
      if (openId === target.id) setOpenId(null);
      reload();
      inform(`Deleted the chart “${target.name}”.`);
    } catch (failure) {
      reportError(failure);
    }
  };

  const exportImage = (format: 'png' | 'svg'): void => {
    const element = plotRef.current;
    if (!element) return;
    const filename = (name.trim() || defaultName(spec)).replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'chart';
    downloadChart(element, format, filename).catch(reportError);
  };

  const noSources = options.length === 0;
  return (
    <div className="charts-panel">
      <span className="chart-theme-probe" ref={probe} aria-hidden="true" />
      <aside className="charts-side">
        <ChartForm
          sources={options}
          sourceKey={sourceKey(source)}
          onSource={(key) => {
            setSource(sourceFromKey(key, { datasets, results }));
            setOpenId(null);
          }}
          columns={ready ? loaded.columns : []}
          spec={spec}
          onSpec={setSpec}
        />
        <SavedCharts saved={saved} openId={openId} onOpen={open} onDelete={(c) => void remove(c)} />
      </aside>
      <section className="charts-main" aria-label="Chart" aria-busy={drawing}>
        <ChartToolbar
          name={name}
          placeholder={defaultName(spec)}
          onName={setName}
          updating={openId !== null}
          canSave={source !== null && spec.x !== ''}
          canExport={figure !== null}
          onSave={(asNew) => void save(asNew)}
          onExport={exportImage}
        />
        {noSources && <p className="empty-state">No datasets yet: add one in the Datasets tab, or run a query in the SQL tab and chart its result.</p>}
        {loaded.error && source && (
          <p className="chart-error" role="alert">
            <code>{loaded.error.code}</code> {sourceLabel(source, datasets)}: {loaded.error.message}
          </p>
        )}
        {error && (
          <p className="chart-error" role="alert">
            <code>{error.code}</code> {error.message}
          </p>
        )}
        {figure && chart ? (
          <>
            <PlotlyChart figure={figure} plotRef={plotRef} visible={active} onError={reportError} />
            <p className="chart-muted" data-testid="chart-summary">
              {drawing ? 'Drawing… · ' : ''}
              {summaryOf(chart)}
            </p>
            {chart.kind === 'box' && <BoxTable chart={chart} />}
          </>
        ) : (
          !noSources && <p className="chart-muted chart-placeholder">{drawing ? 'Drawing…' : 'Choose the columns to draw.'}</p>
        )}
      </section>
    </div>
  );
}
