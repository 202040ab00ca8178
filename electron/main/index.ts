import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { serveIpc, type IpcEvent } from '../api';
import { createBackend, type Backend } from '../backend';
import { createLogger } from '../log';
import { startTrackingServer, type TrackingServer } from '../server';
import { buildMenu } from './menu';
import { isAppUrl } from './policy';
import { desktopSecretBox } from './secrets';
import { registerAppScheme, serveAppScheme } from './protocol';
import { createMainWindow } from './window';

/**
 * The desktop shell: one window, menus and the IPC wiring. Every service lives
 * in the backend, the same one server mode runs.
 */
const log = createLogger();
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(import.meta.dirname, '..', 'renderer');
const resourcesDir = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources');

if (!app.requestSingleInstanceLock()) app.quit();
registerAppScheme();

let backend: Backend | undefined;
let trackingServer: TrackingServer | undefined;
const DEFAULT_TRACKING_PORT = 5055;
let window: BrowserWindow | undefined;

app.on('second-instance', () => {
  if (window?.isMinimized()) window.restore();
  window?.focus();
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.whenReady().then(async () => {
  // Deny every permission (camera, notifications, geolocation...): the app needs none.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveAppScheme(rendererDir);

  const current = createBackend({
    mode: 'electron',
    appHome: process.env.WORKBENCH_HOME ? join(process.env.WORKBENCH_HOME, 'app') : app.getPath('userData'),
    sampleDir: process.env.WORKBENCH_HOME
      ? join(process.env.WORKBENCH_HOME, 'workspaces', 'sample-churn')
      : join(app.getPath('documents'), 'MLWorkbench', 'sample-churn'),
    resourcesDir,
    log,
    secrets: await desktopSecretBox(),
    host: {
      async pickFolder(title) {
        const options = { title: title ?? 'Choose a folder', properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
    },
  });
  backend = current;
  try {
    current.workspace.openDefault();
  } catch (error) {
    log.error('could not open a workspace at start; the UI will offer to open one', error);
  }
  // MLflow clients (a notebook, a script) log into the app here; 127.0.0.1 only, with a token per launch.
  const trackingPort = Number(process.env.WORKBENCH_TRACKING_PORT ?? DEFAULT_TRACKING_PORT);
  startTrackingServer({ backend: current, log, port: Number.isInteger(trackingPort) ? trackingPort : DEFAULT_TRACKING_PORT }).then(
    (server) => {
      trackingServer = server;
      current.setTrackingEndpoint({ uri: server.url, token: server.token });
    },
    (error: unknown) => log.error('the MLflow tracking endpoint could not start; runs can still be tracked from the app', error),
  );

  serveIpc({
    ipcMain,
    router: current.router,
    bus: current.bus,
    log,
    isTrustedSender: (event: IpcEvent) =>
      window !== undefined &&
      event.sender.id === window.webContents.id &&
      isAppUrl(event.senderFrame?.url ?? '', devServerUrl),
  });

  window = createMainWindow({
    preload: join(import.meta.dirname, '..', 'preload', 'index.cjs'),
    icon: join(resourcesDir, 'icons', 'icon.png'),
    devServerUrl,
  });
  Menu.setApplicationMenu(buildMenu((command) => current.bus.emit('shell.command', { command })));
}).catch((error: unknown) => {
  log.error('the workbench failed to start', error);
  dialog.showErrorBox('ML Workbench failed to start', String(error));
  app.exit(1);
});

app.on('window-all-closed', () => app.quit());

let quitting = false;
app.on('will-quit', (event) => {
  if (quitting || !backend) return;
  // Let running jobs stop and the store close cleanly before the process goes.
  event.preventDefault();
  quitting = true;
  const closing = backend;
  void Promise.resolve(trackingServer?.close())
    .then(() => closing.close())
    .finally(() => app.quit());
});
