import type { OutputOf } from '../../../../../shared/contract';

export type RemoteModel = OutputOf<'registry.remoteModels'>[number];

export interface PullChoice {
  /** The option's value: `alias:champion` or `version:7`. */
  value: string;
  label: string;
  input: { alias: string } | { version: string };
}

/** What can be pulled of a shared model: each alias (with the version it names), then each version, newest first. */
export function pullChoices(model: RemoteModel): PullChoice[] {
  const byNumber = [...model.versions].sort((a, b) => Number(b.version) - Number(a.version) || b.version.localeCompare(a.version));
  const aliases = byNumber.flatMap((v) => v.aliases.map((alias) => ({ alias, version: v.version }))).sort((a, b) => a.alias.localeCompare(b.alias));
  return [
    ...aliases.map(({ alias, version }) => ({ value: `alias:${alias}`, label: `@${alias} (version ${version})`, input: { alias } })),
    ...byNumber.map((v) => ({ value: `version:${v.version}`, label: `version ${v.version}${v.status !== 'READY' ? ` (${v.status.toLowerCase().replace(/_/g, ' ')})` : ''}`, input: { version: v.version } })),
  ];
}
