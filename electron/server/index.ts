export { DEFAULT_HOST, startServer } from './server';
export type { RunningServer, ServeOptions } from './server';
export { contentSecurityPolicy } from './policy';
