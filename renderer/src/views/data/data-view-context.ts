import { createContext, useContext } from 'react';

export type DataTab = 'datasets' | 'sql' | 'charts';

/** A chart or profile source: a dataset (by name) or a query result. */
export type DataSource = { dataset: string } | { resultId: string; label: string };

export interface DataViewApi {
  select: (tab: DataTab) => void;
  /** Opens the SQL tab with this text in a new editor tab. */
  openSql: (sql: string) => void;
  /** SQL waiting for the SQL panel to take it. */
  pendingSql: string | null;
  takePendingSql: () => string | null;
  /** Opens the Charts tab on this source. */
  openChart: (source: DataSource) => void;
  pendingChart: DataSource | null;
  takePendingChart: () => DataSource | null;
}

export const DataViewContext = createContext<DataViewApi | null>(null);

export function useDataView(): DataViewApi {
  const api = useContext(DataViewContext);
  if (!api) throw new Error('useDataView outside DataView');
  return api;
}
