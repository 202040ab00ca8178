import { describe, expect, it } from 'vitest';
import { closeTab, defaultSql, newTab, parseTabs, renameTab, serializeTabs } from './tabs-store';

describe('tabs store', () => {
  it('round-trips tabs through their stored form', () => {
    const state = { tabs: [{ id: 'a', title: 'Churn', sql: 'SELECT 1' }, { id: 'b', title: 'Query 2', sql: '' }], activeId: 'b' };
    expect(parseTabs(serializeTabs(state))).toEqual(state);
  });

  it('starts with one tab when nothing or garbage is stored', () => {
    for (const raw of [null, '', '{', '{"tabs": []}', '[1,2]']) {
      const state = parseTabs(raw);
      expect(state.tabs).toHaveLength(1);
      expect(state.tabs[0]?.sql).toBe(defaultSql);
      expect(state.activeId).toBe(state.tabs[0]?.id);
    }
  });

  it('activates the first tab when the stored active one is gone', () => {
    const raw = JSON.stringify({ tabs: [{ id: 'a', title: 'A', sql: '' }], activeId: 'zzz' });
    expect(parseTabs(raw).activeId).toBe('a');
  });

  it('numbers new tabs past the highest in use, with fresh ids', () => {
    const first = newTab([]);
    const tabs = [first, { id: 'x', title: 'Query 7', sql: '' }, { id: 'y', title: 'Churn', sql: '' }];
    const next = newTab(tabs, 'SELECT 2');
    expect(next.title).toBe('Query 8');
    expect(next.sql).toBe('SELECT 2');
    expect(tabs.map((t) => t.id)).not.toContain(next.id);
  });

  it('closes a tab, activating its left neighbour, and never leaves none', () => {
    const state = { tabs: [{ id: 'a', title: 'A', sql: '' }, { id: 'b', title: 'B', sql: '' }, { id: 'c', title: 'C', sql: '' }], activeId: 'b' };
    expect(closeTab(state, 'b')).toEqual({ tabs: [state.tabs[0], state.tabs[2]], activeId: 'a' });
    expect(closeTab(state, 'c').activeId).toBe('b');
    const last = closeTab({ tabs: [{ id: 'a', title: 'A', sql: 'x' }], activeId: 'a' }, 'a');
    expect(last.tabs).toHaveLength(1);
    expect(last.tabs[0]?.id).not.toBe('a');
  });

  it('renames with a trimmed title and ignores a blank one', () => {
    const state = { tabs: [{ id: 'a', title: 'A', sql: '' }], activeId: 'a' };
    expect(renameTab(state, 'a', '  Churn by month ').tabs[0]?.title).toBe('Churn by month');
    expect(renameTab(state, 'a', '   ')).toBe(state);
  });
});
