import { PUSH_EXPERIMENT, type ModelVersion, type RegistryRemote } from '../../../../shared/contract';
import { formatSize, plural } from './format';

export interface PushPlan {
  /** The server, as the user configured it. */
  destination: string;
  /** How the workbench signs in there. */
  credentials: string;
  /** What gets sent, one step per line, in the order it is sent. */
  steps: string[];
  files: { path: string; size: number }[];
  totalBytes: number;
}

/** How a remote is signed in to, in words (never the secret). */
export function describeCredentials(remote: RegistryRemote): string {
  if (remote.auth === 'none') return 'no credentials';
  const kept = remote.hasSecret ? '' : ' (none kept yet: the push will fail)';
  if (remote.auth === 'token') return `an access token${kept}`;
  return `user ${remote.username ?? '?'} and password${kept}`;
}


/** The lineage a push writes as tags on the new version, in words: what of this machine it tells the server. */
export function lineageTagsSent(version: ModelVersion): string[] {
  const { lineage } = version;
  const sent = [`where it came from (models:/${version.name}/${version.version})`];
  if (lineage.runId !== null) sent.push(`the run id ${lineage.runId}`);
  if (lineage.experimentId !== null) sent.push(`the experiment id ${lineage.experimentId}`);
  if (lineage.gitCommit !== null) sent.push(`the git commit ${lineage.gitCommit.slice(0, 12)}`);
  if (lineage.gitDirty !== null) sent.push('whether the workspace had uncommitted changes');
  if (lineage.datasets.length > 0) sent.push(`the datasets’ names, fingerprints and sources (${lineage.datasets.map((d) => d.source).join(', ')})`);
  const metrics = Object.keys(lineage.metrics).length;
  if (metrics > 0) sent.push(plural(metrics, 'metric'));
  if (version.parity !== null) sent.push('the parity check');
  return sent;
}

/**
 * Exactly what a push sends and where, in the order it is sent: the confirm
 * dialog shows it, since nothing leaves the machine without the user asking.
 */
export function planPush(remote: RegistryRemote, version: ModelVersion, options: { remoteName: string; aliases: string[] }): PushPlan {
  const remoteName = options.remoteName.trim() || version.name;
  const totalBytes = version.files.reduce((sum, file) => sum + file.size, 0);
  const ownTags = Object.keys(version.tags).sort();
  const steps = [
    `Creates a run named ${version.name}-v${version.version} in the experiment “${PUSH_EXPERIMENT}” there (made if missing) to hold the files.`,
    `Uploads the package of ${version.name} version ${version.version} (${plural(version.files.length, 'file')}, ${formatSize(totalBytes)}) into that run through mlflow-artifacts.`,
    `Creates a new version of the registered model “${remoteName}” there (the model is created if it does not exist), with the uploaded package as its source and this version’s description.`,
  ];
  if (version.lineage.runId !== null) steps.push(`Links the new version back to run ${version.lineage.runId} on this workbench (run_link).`);
  steps.push(`Sets tags on the new version: ${ownTags.length > 0 ? `its own (${ownTags.join(', ')}), and ` : ''}its lineage: ${lineageTagsSent(version).join('; ')}.`);
  if (options.aliases.length > 0) steps.push(`Points ${options.aliases.map((alias) => `@${alias}`).join(', ')} at the new version there (moving ${options.aliases.length === 1 ? 'it' : 'them'} from any other version).`);
  steps.push('Writes a record of it, with every file’s size and sha256, to the audit log on this machine.');
  return { destination: remote.url, credentials: describeCredentials(remote), steps, files: version.files.map(({ path, size }) => ({ path, size })), totalBytes };
}
