import { describe, expect, it } from 'vitest';
import { closeTab, datasetNotebookPath, openTab, safeFileName, type TabsState } from './tabs';
import { notebookPathFor } from './NotebookList';

const empty: TabsState = { list: [], activePath: null };
const paths = (state: TabsState): string[] => state.list.map((t) => t.path);

describe('notebook tabs', () => {
  it('opens each notebook once and shows it', () => {
    let state = openTab(openTab(empty, 'a.ipynb', null), 'b.ipynb', null);
    expect(paths(state)).toEqual(['a.ipynb', 'b.ipynb']);
    expect(state.activePath).toBe('b.ipynb');
    state = openTab(state, 'a.ipynb', null);
    expect(paths(state)).toEqual(['a.ipynb', 'b.ipynb']);
    expect(state.activePath).toBe('a.ipynb');
  });

  it('shows the neighbour of a closed active tab', () => {
    const three = ['a', 'b', 'c'].reduce((s, p) => openTab(s, p, null), empty);
    expect(closeTab({ ...three, activePath: 'b' }, 'b')).toEqual({ list: [{ path: 'a', initial: null }, { path: 'c', initial: null }], activePath: 'c' });
    expect(closeTab(three, 'c').activePath).toBe('b');
    expect(closeTab(three, 'a').activePath).toBe('c'); // another tab closed: the active one stays
    expect(closeTab(openTab(empty, 'a', null), 'a')).toEqual(empty);
  });
});

describe('notebook names', () => {
  it('adds .ipynb to a typed name', () => {
    expect(notebookPathFor(' analysis ')).toBe('analysis.ipynb');
    expect(notebookPathFor('work/eda.ipynb')).toBe('work/eda.ipynb');
    expect(notebookPathFor('/abs')).toBe('abs.ipynb');
  });

  it('names a dataset notebook safely inside notebooks/', () => {
    expect(datasetNotebookPath('churn')).toBe('notebooks/churn.ipynb');
    expect(datasetNotebookPath('a/b:c')).toBe('notebooks/a_b_c.ipynb');
    expect(datasetNotebookPath('../up')).toBe('notebooks/_up.ipynb');
    expect(safeFileName('   ')).toBe('dataset');
  });
});
