import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isAppUrl, isExternalLink, resolveAppPath, secureWebPreferences } from './policy';

describe('desktop shell policy', () => {
  it('lets the window show only the app itself (and the dev server in development)', () => {
    expect(isAppUrl(`${APP_ORIGIN}/`, undefined)).toBe(true);
    expect(isAppUrl(`${APP_ORIGIN}/index.html#/data`, undefined)).toBe(true);
    expect(isAppUrl('app://other/', undefined)).toBe(false);
    expect(isAppUrl('https://evil.example/', undefined)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/data', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('not a url', undefined)).toBe(false);
  });

  it('opens only web and mail links outside', () => {
    expect(isExternalLink('https://duckdb.org/docs')).toBe(true);
    expect(isExternalLink('mailto:a@b.c')).toBe(true);
    expect(isExternalLink('file:///etc/passwd')).toBe(false);
    expect(isExternalLink('javascript:alert(1)')).toBe(false);
    expect(isExternalLink('smb://share/x')).toBe(false);
  });

  it('turns every renderer hardening switch on', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
  });

  it('serves files from the UI folder only', () => {
    expect(resolveAppPath(`${APP_ORIGIN}/`, '/ui', join)).toBe('/ui/index.html');
    expect(resolveAppPath(`${APP_ORIGIN}/assets/a.js`, '/ui', join)).toBe('/ui/assets/a.js');
    // The URL parser folds dot segments before we see them, so this stays inside /ui.
    expect(resolveAppPath(`${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`, '/ui', join)).toBe('/ui/etc/passwd');
    expect(resolveAppPath(`${APP_ORIGIN}/%E0%A4%A`, '/ui', join)).toBeNull();
    expect(resolveAppPath(`${APP_ORIGIN}/assets/..%2f..%2fsecret`, '/ui', join)).toBeNull();
  });
});
