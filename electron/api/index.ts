export { openConnection } from './connection';
export type { Connection } from './connection';
export { createEventBus } from './events';
export type { EventBus } from './events';
export type { CallContext, Implementation, JobContext } from './implementation';
export { serveIpc } from './ipc';
export type { IpcEvent, IpcMainLike, IpcSender } from './ipc';
export { createRouter, toApiError } from './router';
export type { Router } from './router';
