import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the app keeps its own settings, and where the sample workspace goes.
 * `WORKBENCH_HOME` moves both (tests, portable installs).
 */
export function defaultAppHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WORKBENCH_HOME) return join(env.WORKBENCH_HOME, 'app');
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'ML Workbench');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'ML Workbench');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'ml-workbench');
}

export function defaultSampleDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WORKBENCH_HOME) return join(env.WORKBENCH_HOME, 'workspaces', 'sample-churn');
  return join(homedir(), 'MLWorkbench', 'sample-churn');
}
