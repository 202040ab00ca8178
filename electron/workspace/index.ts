export { createWorkspaceService } from './service';
export type { WorkspaceService, WorkspaceServiceOptions } from './service';
export { STATE_DIR, ARTIFACTS_DIR } from './folder';
export { openStore, STORE_FILE, LATEST_STORE_VERSION } from './store';
export type { WorkspaceStore } from './store';
export { SAMPLE_DATASET } from './sample';
export type { AppSettings } from './settings';
export { recordOutbound, outboundLog } from './outbound';
export type { OutboundEntry, OutboundRecord } from './outbound';
