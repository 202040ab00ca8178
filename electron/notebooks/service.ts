import { WorkbenchError, type Dataset, type JupyterStatus, type KernelMessage, type KernelSession } from '../../shared/contract';
import type { Logger } from '../log';
import type { WorkspaceService } from '../workspace';
import { datasetCell } from './dataset-cell';
import { NotebookFiles, listNotebooks } from './files';
import { emptyNotebook } from './ipynb';
import { Kernels } from './kernels';
import type { SecretBox } from '../secrets';
import { JupyterServers } from './servers';

export interface NotebookServiceOptions {
  workspace: WorkspaceService;
  log: Logger;
  secrets?: SecretBox;
  /** The workspace's datasets, for "Open in notebook". */
  datasets: () => Dataset[];
  emit: {
    jupyter(status: JupyterStatus): void;
    kernelStatus(session: KernelSession): void;
    kernelMessage(message: KernelMessage): void;
    changedOnDisk(change: { path: string; mtimeMs: number }): void;
  };
  /** For tests: where running Jupyter servers leave their files, and the PATH to find Jupyter on. */
  runtimeDir?: string;
  env?: NodeJS.ProcessEnv;
}

export type NotebookService = ReturnType<typeof createNotebookService>;

/** Notebooks on Jupyter: servers, kernels and .ipynb files, for the open workspace. */
export function createNotebookService(options: NotebookServiceOptions) {
  const { workspace, log, emit } = options;
  const servers: JupyterServers = new JupyterServers({
    workspace,
    log,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.runtimeDir ? { runtimeDir: options.runtimeDir } : {}),
    ...(options.env ? { env: options.env } : {}),
    onChange: () => emit.jupyter(servers.status()),
    onGone: (id, reason) => kernels.serverGone(id, reason),
  });
  const kernels = new Kernels(
    {
      status: (session) => emit.kernelStatus(session),
      message: (message) => emit.kernelMessage(message),
      serverProblem: (id, problem) => servers.report(id, problem),
    },
    log,
  );
  const files = new NotebookFiles((path, mtimeMs) => emit.changedOnDisk({ path, mtimeMs }));
  const root = (): string => workspace.active().info.path;

  return {
    servers,
    kernels: {
      specs: async () => kernels.specs(await servers.active()),
      start: async (path: string, kernelName: string) => kernels.start(await servers.active(), path, kernelName),
      list: () => kernels.list(),
      execute: (sessionId: string, code: string, requestId: string) => kernels.execute(sessionId, code, requestId),
      interrupt: (sessionId: string) => kernels.interrupt(sessionId),
      restart: (sessionId: string) => kernels.restart(sessionId),
      reconnect: (sessionId: string) => kernels.reconnect(sessionId),
      shutdown: (sessionId: string) => kernels.shutdown(sessionId),
      complete: (sessionId: string, code: string, cursor: number) => kernels.complete(sessionId, code, cursor),
      inspect: (sessionId: string, code: string, cursor: number) => kernels.inspect(sessionId, code, cursor),
    },
    files: {
      list: () => listNotebooks(root()),
      open: (path: string) => files.open(root(), path),
      create: async (path: string, kernelName: string | undefined) => {
        let kernel;
        if (kernelName) {
          const specs = await servers
            .active()
            .then((server) => kernels.specs(server))
            .catch(() => null);
          const spec = specs?.specs.find((s) => s.name === kernelName);
          kernel = spec ?? { name: kernelName, displayName: kernelName, language: 'python' };
        }
        return files.create(root(), path, emptyNotebook(kernel));
      },
      save: (input: Parameters<NotebookFiles['save']>[1]) => files.save(root(), input),
      close: (path: string) => files.close(root(), path),
    },
    datasetCell(datasetId: string) {
      const dataset = options.datasets().find((d) => d.id === datasetId);
      if (!dataset) throw new WorkbenchError('not_found', 'No such dataset in this workspace.');
      return datasetCell(dataset);
    },
    async close(): Promise<void> {
      files.closeAll();
      await kernels.close().catch((error: unknown) => log.warn('closing kernels failed', { error: String(error) }));
      await servers.close();
    },
  };
}
