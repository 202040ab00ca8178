import { useEffect, useState } from 'react';
import { onThemeChange } from '../../../app/theme';

/** The app's theme as Monaco needs it: the user's choice (`data-theme`), else the OS's. */
export function isDarkTheme(): boolean {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'dark' || chosen === 'light') return chosen === 'dark';
  return matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Follows theme changes: the palette's Theme commands set `data-theme`; the OS changes the media query. */
export function useDarkTheme(): boolean {
  const [dark, setDark] = useState(isDarkTheme);
  useEffect(() => onThemeChange(() => setDark(isDarkTheme())), []);
  return dark;
}
