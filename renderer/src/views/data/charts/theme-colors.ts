import { useEffect, useState, type RefObject } from 'react';
import { onThemeChange } from '../../../app/theme';

/** The theme's colours as plotly needs them: resolved rgb() strings, not CSS variables. */
export interface ThemeColors {
  fg: string;
  fgSoft: string;
  border: string;
  bg: string;
  accent: string;
}

export const fallbackColors: ThemeColors = { fg: '#1d2027', fgSoft: '#5b6270', border: '#d9dce2', bg: '#ffffff', accent: '#2f6fde' };

/**
 * Reads the colours from a probe element styled with the theme's variables
 * (`.chart-theme-probe`), and again whenever the theme changes: the user's
 * choice (`data-theme` on <html>) or the OS's.
 */
export function useThemeColors(probe: RefObject<HTMLElement | null>): ThemeColors {
  const [colors, setColors] = useState<ThemeColors>(fallbackColors);
  useEffect(() => {
    const read = (): void => {
      const element = probe.current;
      if (!element) return;
      const style = getComputedStyle(element);
      setColors({
        fg: style.color,
        fgSoft: style.outlineColor,
        border: style.borderTopColor,
        bg: style.backgroundColor,
        accent: style.textDecorationColor,
      });
    };
    read();
    return onThemeChange(read);
  }, [probe]);
  return colors;
}
