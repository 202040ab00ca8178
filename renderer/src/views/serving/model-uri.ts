import type { ModelVersion, RegisteredModel } from '../../../../shared/contract';

/** What a model URI points at: an alias (which follows the alias when it moves) or one fixed version. */
export type ModelRef = { kind: 'alias'; alias: string } | { kind: 'version'; version: number };

export interface ParsedModelUri {
  name: string;
  ref: ModelRef;
}

const uriPattern = /^models:\/([A-Za-z0-9][A-Za-z0-9._-]{0,99})(?:\/(\d+)|@([A-Za-z][A-Za-z0-9_-]{0,49}))$/;

/** `models:/NAME@ALIAS` or `models:/NAME/VERSION`. */
export function modelUriOf(name: string, ref: ModelRef): string {
  return ref.kind === 'alias' ? `models:/${name}@${ref.alias}` : `models:/${name}/${ref.version}`;
}

/** The registered model and reference a URI names; null when it is not a models:/ URI. */
export function parseModelUri(uri: string): ParsedModelUri | null {
  const match = uriPattern.exec(uri.trim());
  if (!match) return null;
  const [, name = '', version, alias] = match;
  return { name, ref: alias !== undefined ? { kind: 'alias', alias } : { kind: 'version', version: Number(version) } };
}

/** The usual choice for a model: its `champion` alias, else its first alias, else its latest version. */
export function defaultUri(model: RegisteredModel): string | null {
  const aliases = Object.keys(model.aliases).sort();
  const alias = aliases.includes('champion') ? 'champion' : aliases[0];
  if (alias !== undefined) return modelUriOf(model.name, { kind: 'alias', alias });
  return model.latestVersion === null ? null : modelUriOf(model.name, { kind: 'version', version: model.latestVersion });
}

export interface RefOption {
  uri: string;
  label: string;
  /** Versions that cannot be served (a failed or pending registration). */
  disabled: boolean;
}

/** A model's aliases (by name, with the version each points at), then its versions, newest first. */
export function refOptions(model: RegisteredModel, versions: readonly ModelVersion[]): RefOption[] {
  const aliases = Object.entries(model.aliases)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([alias, version]) => ({ uri: modelUriOf(model.name, { kind: 'alias', alias }), label: `@${alias} → version ${version}`, disabled: false }));
  const numbered = [...versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => {
      const notes = [v.status !== 'READY' ? v.status.toLowerCase().replace('_', ' ') : '', v.archived ? 'archived' : ''].filter(Boolean);
      return { uri: modelUriOf(model.name, { kind: 'version', version: v.version }), label: `Version ${v.version}${notes.length ? ` (${notes.join(', ')})` : ''}`, disabled: v.status !== 'READY' };
    });
  return [...aliases, ...numbered];
}

/**
 * Whether a bind address keeps the server on this machine: 127.0.0.0/8,
 * ::1 and localhost. Anything else (0.0.0.0, a LAN address) is reachable
 * from other machines.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  const octets = bare.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}
