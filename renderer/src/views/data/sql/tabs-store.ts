import { z } from 'zod';

export interface SqlTab {
  id: string;
  title: string;
  sql: string;
}

export interface TabsState {
  tabs: SqlTab[];
  activeId: string;
}

export const TABS_STORAGE_KEY = 'workbench.sql.tabs';
const MAX_TITLE = 60;

const storedSchema = z.object({
  tabs: z.array(z.object({ id: z.string().min(1), title: z.string(), sql: z.string() })).min(1),
  activeId: z.string(),
});

export const defaultSql = '-- Ctrl/Cmd+Enter runs the query, or the selection.\nSELECT 42 AS answer;\n';

let counter = 0;
function freshId(): string {
  counter += 1;
  return `tab-${Date.now().toString(36)}-${counter}`;
}

/** A new tab named "Query N", N one past the highest in use. */
export function newTab(existing: SqlTab[], sql = ''): SqlTab {
  const numbers = existing.map((t) => /^Query (\d+)$/.exec(t.title)?.[1]).filter((n): n is string => n !== undefined).map(Number);
  const next = Math.max(0, ...numbers) + 1;
  return { id: freshId(), title: `Query ${next}`, sql };
}

/** Tabs saved by an earlier session; one starter tab when there are none or they are unreadable. */
export function parseTabs(raw: string | null): TabsState {
  if (raw) {
    try {
      const parsed = storedSchema.safeParse(JSON.parse(raw));
      if (parsed.success) {
        const { tabs, activeId } = parsed.data;
        return { tabs, activeId: tabs.some((t) => t.id === activeId) ? activeId : (tabs[0]?.id ?? '') };
      }
    } catch {
      // Unreadable JSON: start afresh rather than fail the panel.
    }
  }
  const tab = newTab([], defaultSql);
  return { tabs: [tab], activeId: tab.id };
}

export function serializeTabs(state: TabsState): string {
  return JSON.stringify({ tabs: state.tabs.map(({ id, title, sql }) => ({ id, title, sql })), activeId: state.activeId });
}

/** Closing the last tab leaves one empty tab; the neighbour to the left becomes active. */
export function closeTab(state: TabsState, id: string): TabsState {
  const index = state.tabs.findIndex((t) => t.id === id);
  if (index < 0) return state;
  const tabs = state.tabs.filter((t) => t.id !== id);
  if (tabs.length === 0) {
    const tab = newTab([]);
    return { tabs: [tab], activeId: tab.id };
  }
  const activeId = state.activeId === id ? (tabs[Math.max(0, index - 1)]?.id ?? tabs[0]?.id ?? '') : state.activeId;
  return { tabs, activeId };
}

export function renameTab(state: TabsState, id: string, title: string): TabsState {
  const clean = title.trim().slice(0, MAX_TITLE);
  if (clean === '') return state;
  return { ...state, tabs: state.tabs.map((t) => (t.id === id ? { ...t, title: clean } : t)) };
}
