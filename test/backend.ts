import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkbenchClient } from '../shared/client';
import { createBackend, type Backend, type BackendOptions } from '../electron/backend';
import { silentLogger } from '../electron/log';
import { resourcesDir, tempDir } from './helpers';
import { ipcTransport } from './transports';

export interface TestBackend {
  backend: Backend;
  client: WorkbenchClient;
  /** The open workspace folder. */
  workspace: string;
  home: string;
  close(): Promise<void>;
}

/** A real backend on a fresh workspace, with a typed client over the in-process IPC transport. */
export async function openTestBackend(options: Pick<BackendOptions, 'secrets' | 'jupyterRuntimeDir'> = {}, existingWorkspace?: string): Promise<TestBackend> {
  const home = tempDir();
  // An existing workspace (reopened after a crash, say) is the caller's to remove.
  const workspace = existingWorkspace ?? join(home.path, 'ws');
  if (!existingWorkspace) mkdirSync(workspace);
  const backend = createBackend({ mode: 'server', appHome: join(home.path, 'app'), sampleDir: join(home.path, 'sample'), resourcesDir, log: silentLogger, ...options });
  backend.workspace.open(workspace);
  const transport = await ipcTransport(backend);
  return {
    backend,
    client: transport.client,
    workspace,
    home: home.path,
    close: async () => {
      await transport.close();
      await backend.close();
      home.cleanup();
    },
  };
}
