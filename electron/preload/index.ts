import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './api';

contextBridge.exposeInMainWorld('workbench', createBridge(ipcRenderer));
