import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TrackingChange } from '../../../shared/contract';
import { resourcesDir, tempDir } from '../../../test/helpers';
import { silentLogger } from '../../log';
import { createWorkspaceService, type WorkspaceService } from '../../workspace';
import { createTrackingService, type TrackingService } from '../service';

export interface OpenTracking {
  workspacePath: string;
  workspace: WorkspaceService;
  tracking: TrackingService;
  /** Every change the service told, in order. */
  changes: TrackingChange[];
  close(): void;
}

/** A real workspace (SQLite store on disk) with the tracking service on it. */
export function openTracking(existing?: string): OpenTracking {
  const home = tempDir('workbench-tracking-');
  const workspacePath = existing ?? join(home.path, 'ws');
  mkdirSync(workspacePath, { recursive: true });
  const workspace = createWorkspaceService({ appHome: join(home.path, 'app'), sampleDir: join(home.path, 'sample'), resourcesDir, log: silentLogger, onChange: () => undefined });
  workspace.open(workspacePath);
  const changes: TrackingChange[] = [];
  const tracking = createTrackingService({ workspace, log: silentLogger, emit: (change) => changes.push(change) });
  return {
    workspacePath,
    workspace,
    tracking,
    changes,
    close() {
      tracking.close();
      workspace.close();
      home.cleanup();
    },
  };
}
