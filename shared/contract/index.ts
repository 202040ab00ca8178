export * from './contract';
export * from './define';
export * from './errors';
export * from './jobs';
export * from './system';
export * from './types';
export * from './workspace';
