import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  WorkbenchError,
  type JobSnapshot,
  type RecentWorkspace,
  type WorkspaceInfo,
  type WorkspaceUsage,
} from '../../shared/contract';
import type { JobContext } from '../jobs';
import type { Logger } from '../log';
import { normalizeWorkspacePath, prepareStateDir, requireFolder, STATE_DIR } from './folder';
import { writeSampleWorkspace } from './sample';
import { openAppSettings, type AppSettings } from './settings';
import { openStore, type WorkspaceStore } from './store';
import { measureUsage } from './usage';

export interface WorkspaceServiceOptions {
  /** The app's own folder (settings, recent list). */
  appHome: string;
  /** Where the sample workspace is made on first run. */
  sampleDir: string;
  resourcesDir: string;
  log: Logger;
  onChange(info: WorkspaceInfo | null): void;
}

/** One open workspace at a time: its folder, its metadata store, the recent list. */
export interface WorkspaceService {
  current(): WorkspaceInfo | null;
  open(path: string): WorkspaceInfo;
  create(path: string): WorkspaceInfo;
  /** Opens the most recent workspace that still exists, else the sample one (made if missing). */
  openDefault(): WorkspaceInfo;
  recent(): RecentWorkspace[];
  forget(path: string): RecentWorkspace[];
  usage(context: JobContext): Promise<WorkspaceUsage>;
  recordJob(snapshot: JobSnapshot): void;
  /** The open workspace and its store, for other services; throws `no_workspace`. */
  active(): { info: WorkspaceInfo; store: WorkspaceStore };
  /** The app's own settings, shared by every workspace. */
  readonly settings: AppSettings;
  close(): void;
}

interface OpenWorkspace {
  info: WorkspaceInfo;
  store: WorkspaceStore;
}

export function createWorkspaceService(options: WorkspaceServiceOptions): WorkspaceService {
  const { log } = options;
  const settings = openAppSettings(options.appHome, log);
  const samplePath = normalizeWorkspacePath(options.sampleDir);
  let active: OpenWorkspace | null = null;

  const activate = (path: string): WorkspaceInfo => {
    requireFolder(path);
    const stateDir = prepareStateDir(path);
    const store = openStore(stateDir, { log });
    const isSample = path === samplePath;
    if (isSample && store.getMeta('sample') === undefined) store.setMeta('sample', 'telco-customer-churn');
    const info: WorkspaceInfo = {
      path,
      name: basename(path) || path,
      storeVersion: store.version,
      createdAt: store.getMeta('created_at') ?? new Date().toISOString(),
      isSample,
    };
    // Only now, with the new one ready, let go of the old one: a failed open changes nothing.
    active?.store.close();
    active = { info, store };
    try {
      settings.remember(path);
    } catch (error) {
      log.warn('could not update the recent workspaces list', { error: String(error) });
    }
    log.info('opened workspace', { path, storeVersion: store.version });
    options.onChange(info);
    return info;
  };

  const requireActive = (): OpenWorkspace => {
    if (!active) throw new WorkbenchError('no_workspace', 'No workspace is open; open or create one first.');
    return active;
  };

  return {
    current: () => active?.info ?? null,
    open: (input) => activate(normalizeWorkspacePath(input)),
    create(input) {
      const path = normalizeWorkspacePath(input);
      requireFolder(dirname(path));
      if (existsSync(path)) {
        if (existsSync(join(path, STATE_DIR))) {
          throw new WorkbenchError('workspace_exists', `${path} is already a workspace; open it instead.`, { path });
        }
        if (readdirSync(path).length > 0) {
          throw new WorkbenchError('workspace_exists', `${path} already exists and is not empty; open it instead.`, { path });
        }
      } else {
        mkdirSync(path);
      }
      return activate(path);
    },
    openDefault() {
      const last = settings.recent().find((entry) => entry.exists);
      if (last) {
        try {
          return activate(last.path);
        } catch (error) {
          log.warn('could not reopen the last workspace; opening the sample one', { path: last.path, error: String(error) });
        }
      }
      writeSampleWorkspace(samplePath, options.resourcesDir);
      return activate(samplePath);
    },
    recent: () => settings.recent(),
    forget(input) {
      settings.forget(normalizeWorkspacePath(input));
      return settings.recent();
    },
    usage: (context) => measureUsage(requireActive().info.path, context),
    recordJob(snapshot) {
      active?.store.recordJob(snapshot);
    },
    active: () => requireActive(),
    settings,
    close() {
      active?.store.close();
      active = null;
    },
  };
}
