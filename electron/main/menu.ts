import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { ShellCommand } from '../../shared/contract';

/** The menus only send commands to the UI; the UI does the work through the API like any client. */
export function buildMenu(send: (command: ShellCommand) => void): Menu {
  const isMac = process.platform === 'darwin';
  const view = (label: string, command: ShellCommand, accelerator: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send(command),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => send('workspace.openDialog') },
        { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: () => send('workspace.createDialog') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        view('Command Palette…', 'palette.open', 'CmdOrCtrl+Shift+P'),
        { type: 'separator' },
        view('Workspace', 'view.workspace', 'CmdOrCtrl+0'),
        view('Data', 'view.data', 'CmdOrCtrl+1'),
        view('Notebooks', 'view.notebooks', 'CmdOrCtrl+2'),
        view('Source Control', 'view.sourceControl', 'CmdOrCtrl+3'),
        view('Experiments', 'view.experiments', 'CmdOrCtrl+4'),
        view('Models', 'view.models', 'CmdOrCtrl+5'),
        view('Serving', 'view.serving', 'CmdOrCtrl+6'),
        view('Monitoring', 'view.monitoring', 'CmdOrCtrl+7'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'ML Workbench on the Web', click: () => void shell.openExternal('https://github.com/ml-workbench/ml-workbench') },
        { label: `Version ${app.getVersion()}`, enabled: false },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
