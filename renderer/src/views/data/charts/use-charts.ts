import { useCallback, useEffect, useState } from 'react';
import type { WorkbenchClient } from '../../../../../shared/client';
import { isWorkbenchError, type ChartData, type ChartSource, type ChartSpecInput, type Dataset, type ResultColumn, type SavedChart } from '../../../../../shared/contract';
import { drawable } from './columns';
import { sourceInput, sourceKey } from './sources';

export interface Failure {
  code: string;
  message: string;
}

const failureOf = (error: unknown): Failure =>
  isWorkbenchError(error) ? { code: error.code, message: error.message } : { code: 'internal', message: error instanceof Error ? error.message : String(error) };

/** The workspace's datasets, loaded again whenever the panel is shown or the workspace changes. */
export function useDatasetList(client: WorkbenchClient, active: boolean, workspacePath: string | undefined, onError: (error: unknown) => void): Dataset[] {
  const [datasets, setDatasets] = useState<Dataset[]>([]);
  useEffect(() => {
    if (!active || workspacePath === undefined) return;
    let stale = false;
    client.call('data.list', {}).then((list) => !stale && setDatasets(list), onError);
    return () => {
      stale = true;
    };
  }, [client, active, workspacePath, onError]);
  return datasets;
}

/** The columns of the chosen source, tagged with the source they belong to. */
export function useSourceColumns(client: WorkbenchClient, source: ChartSource | null, onLoaded: (columns: ResultColumn[]) => void): { key: string; columns: ResultColumn[]; error: Failure | null } {
  const [loaded, setLoaded] = useState<{ key: string; columns: ResultColumn[]; error: Failure | null }>({ key: '', columns: [], error: null });
  useEffect(() => {
    if (!source) return;
    let stale = false;
    const key = sourceKey(source);
    client.call('data.columns', sourceInput(source)).then(
      (columns) => {
        if (stale) return;
        onLoaded(columns);
        setLoaded({ key, columns, error: null });
      },
      (error: unknown) => !stale && setLoaded({ key, columns: [], error: failureOf(error) }),
    );
    return () => {
      stale = true;
    };
  }, [client, source, onLoaded]);
  return loaded;
}

const DEBOUNCE_MS = 250;

export interface ChartState {
  chart: ChartData | null;
  drawing: boolean;
  error: Failure | null;
}

/** Chart data for the source and spec, fetched a moment after they settle; a newer request aborts the older one. */
export function useChartData(client: WorkbenchClient, source: ChartSource | null, spec: ChartSpecInput, ready: boolean): ChartState {
  const [state, setState] = useState<ChartState>({ chart: null, drawing: false, error: null });
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      if (!source || !ready || !drawable(spec)) {
        setState({ chart: null, drawing: false, error: null });
        return;
      }
      setState((s) => ({ ...s, drawing: true }));
      client.call('data.chart', { ...sourceInput(source), spec }, { signal: controller.signal }).then(
        (chart) => setState({ chart, drawing: false, error: null }),
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ chart: null, drawing: false, error: failureOf(error) });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [client, source, spec, ready]);
  return state;
}

/** The saved charts of the workspace, by name. */
export function useSavedCharts(client: WorkbenchClient, workspacePath: string | undefined, onError: (error: unknown) => void): { saved: SavedChart[]; reload: () => void } {
  const [saved, setSaved] = useState<SavedChart[]>([]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (workspacePath === undefined) return;
    let stale = false;
    client.call('charts.list', {}).then((list) => !stale && setSaved(list), onError);
    return () => {
      stale = true;
    };
  }, [client, workspacePath, version, onError]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { saved, reload };
}
