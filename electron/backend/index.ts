export { createBackend } from './backend';
export type { Backend, BackendOptions, HostAbilities } from './backend';
export { defaultAppHome, defaultSampleDir } from './paths';
export { WORKBENCH_VERSION } from './version';
