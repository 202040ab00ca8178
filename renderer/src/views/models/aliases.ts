import { aliasName } from '../../../../shared/contract';

/** The names teams give aliases most: offered first when setting one. */
export const commonAliases = ['champion', 'challenger'] as const;

/** Aliases to offer for a model: the common names, then the ones it already has. */
export function aliasSuggestions(current: Record<string, number>): string[] {
  return [...new Set([...commonAliases, ...Object.keys(current).sort()])];
}

/** The aliases pointing at each version, sorted by name. */
export function aliasesByVersion(aliases: Record<string, number>): Map<number, string[]> {
  const byVersion = new Map<number, string[]>();
  for (const [alias, version] of Object.entries(aliases)) byVersion.set(version, [...(byVersion.get(version) ?? []), alias]);
  for (const list of byVersion.values()) list.sort();
  return byVersion;
}

/** Why a typed alias cannot be used, or null when it can. */
export function aliasProblem(text: string): string | null {
  if (text.trim() === '') return 'Give the alias a name.';
  if (/^v\d+$/i.test(text.trim())) return 'Names like v1 are kept for versions in MLflow.';
  if (text.trim().toLowerCase() === 'latest') return '“latest” is kept by MLflow for the newest version.';
  const parsed = aliasName.safeParse(text.trim());
  return parsed.success ? null : `An alias is ${parsed.error.issues[0]?.message ?? 'a short name'}.`;
}

export type AliasChange = { kind: 'new' } | { kind: 'same' } | { kind: 'move'; from: number };

/** What pointing `alias` at `version` does, given where the aliases point now. */
export function aliasChange(aliases: Record<string, number>, alias: string, version: number): AliasChange {
  const from = aliases[alias];
  if (from === undefined) return { kind: 'new' };
  return from === version ? { kind: 'same' } : { kind: 'move', from };
}

/** A sentence for the alias form: what pressing the button will do. */
export function describeAliasChange(aliases: Record<string, number>, alias: string, version: number): string {
  const change = aliasChange(aliases, alias, version);
  if (change.kind === 'same') return `${alias} already points at version ${version}.`;
  if (change.kind === 'move') return `Moves ${alias} from version ${change.from} to version ${version}; servers serving @${alias} swap to it.`;
  return `Points the new alias ${alias} at version ${version}.`;
}

/** Aliases typed as a list (commas or spaces), deduplicated, with the first problem found. */
export function parseAliasList(text: string): { aliases: string[]; problem: string | null } {
  const aliases = [...new Set(text.split(/[\s,]+/).filter((part) => part !== ''))];
  for (const alias of aliases) {
    const problem = aliasProblem(alias);
    if (problem) return { aliases, problem: `${alias}: ${problem}` };
  }
  return { aliases, problem: null };
}
