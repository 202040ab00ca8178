import { useEffect, useState } from 'react';
import { useLoaded } from '../../../app/load-once';
import { onThemeChange } from '../../../app/theme';
import { loadNotebookMonaco, type NotebookMonaco } from './monaco-loader';

function isDark(): boolean {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'dark' || chosen === 'light') return chosen === 'dark';
  return matchMedia('(prefers-color-scheme: dark)').matches;
}

/**
 * Monaco for the notebook, loading in the background (cells show plain text
 * and a text area meanwhile, or for good if it cannot load), and the Monaco
 * theme that matches the app's, set before any cell is highlighted with it.
 */
export function useNotebookMonaco(): { api: NotebookMonaco | null; theme: string } {
  // A failure to load leaves the plain editors in place.
  const { value: api } = useLoaded(loadNotebookMonaco);
  const [dark, setDark] = useState(isDark);

  useEffect(() => onThemeChange(() => setDark(isDark())), []);

  const theme = dark ? 'workbench-dark' : 'workbench-light';
  useEffect(() => api?.applyTheme(theme), [api, theme]);
  return { api, theme };
}
