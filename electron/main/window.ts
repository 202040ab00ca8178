import { BrowserWindow, nativeTheme, shell, type WebContents } from 'electron';
import { APP_ORIGIN, isAppUrl, isExternalLink, secureWebPreferences } from './policy';

export interface WindowOptions {
  preload: string;
  icon: string;
  devServerUrl: string | undefined;
}

export function createMainWindow({ preload, icon, devServerUrl }: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 520,
    show: false,
    title: 'ML Workbench',
    icon,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1f22' : '#ffffff',
    webPreferences: secureWebPreferences(preload),
  });
  guardNavigation(window.webContents, devServerUrl);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/`);
  return window;
}

/** No navigation away from the app, no new windows; http(s) links open in the user's browser. */
function guardNavigation(contents: WebContents, devServerUrl: string | undefined): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
