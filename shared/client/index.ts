export * from './bridge';
export * from './client';
export * from './http-link';
export * from './link';
export * from './message-link';
export * from './socket-port';
export * from './wire';
