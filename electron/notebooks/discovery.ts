import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** A Jupyter server found running on this machine, from its runtime file. */
export interface FoundServer {
  url: string;
  token: string;
  pid: number;
  rootDir: string | null;
}

/** Where Jupyter writes its runtime files (`jupyter --runtime-dir`), without starting Python to ask. */
export function runtimeDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.JUPYTER_RUNTIME_DIR) return env.JUPYTER_RUNTIME_DIR;
  const data = env.JUPYTER_DATA_DIR;
  if (data) return join(data, 'runtime');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Jupyter', 'runtime');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'jupyter', 'runtime');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'jupyter', 'runtime');
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Running servers: each Jupyter Server (jpserver-PID.json) or classic
 * notebook server (nbserver-PID.json) writes one file while it runs. Files of
 * dead processes (a crash leaves them behind) are skipped.
 */
export function discoverServers(dir = runtimeDir()): FoundServer[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: FoundServer[] = [];
  for (const name of names) {
    if (!/^(jp|nb)server-\d+\.json$/.test(name)) continue;
    try {
      const info = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { url?: unknown; token?: unknown; pid?: unknown; root_dir?: unknown; notebook_dir?: unknown };
      if (typeof info.url !== 'string' || typeof info.pid !== 'number' || !alive(info.pid)) continue;
      const root = typeof info.root_dir === 'string' ? info.root_dir : typeof info.notebook_dir === 'string' ? info.notebook_dir : null;
      found.push({ url: info.url.replace(/\/?$/, '/'), token: typeof info.token === 'string' ? info.token : '', pid: info.pid, rootDir: root });
    } catch {
      // A file being written or removed as we read: the next look finds it whole or gone.
    }
  }
  return found;
}

/** The command that starts a Jupyter server here: `jupyter-server`, or `jupyter server`; null when neither is installed. */
export function findJupyter(env: NodeJS.ProcessEnv = process.env): { command: string; args: string[] } | null {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const executable = (name: string): string | null => {
    for (const dir of dirs) {
      const file = join(dir, process.platform === 'win32' ? `${name}.exe` : name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not in this folder
      }
    }
    return null;
  };
  const server = executable('jupyter-server');
  if (server) return { command: server, args: [] };
  const jupyter = executable('jupyter');
  // `jupyter server` needs jupyter-server installed, which `jupyter-server` above would have found;
  // `jupyter notebook` (classic) is the fallback for older installs.
  return jupyter ? { command: jupyter, args: ['notebook'] } : null;
}

export const INSTALL_HINT =
  process.platform === 'linux'
    ? 'Install Jupyter with your package manager (Debian and Ubuntu: `sudo apt install jupyter-server python3-ipykernel`) or `pip install jupyter-server ipykernel`, or connect to a remote Jupyter server by URL and token.'
    : 'Install Jupyter with `pip install jupyter-server ipykernel` (or with conda), or connect to a remote Jupyter server by URL and token.';
