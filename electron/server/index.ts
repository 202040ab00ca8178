export { DEFAULT_HOST, startServer } from './server';
export type { RunningServer, ServeOptions } from './server';
export { contentSecurityPolicy } from './policy';
export { startTrackingServer } from './tracking-server';
export type { TrackingServer } from './tracking-server';
