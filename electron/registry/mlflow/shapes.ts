import type { RegisteredModel } from '../../../shared/contract';
import type { VersionRecord } from '../rows';

/** Objects as MLflow's model_registry.proto writes them in JSON (snake_case, versions as strings, times in ms). */

function tagList(tags: Record<string, string>): { key: string; value: string }[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

export function modelVersionJson(version: VersionRecord): Record<string, unknown> {
  return {
    name: version.name,
    version: String(version.version),
    creation_timestamp: version.createdAt,
    last_updated_timestamp: version.updatedAt,
    current_stage: version.stage,
    description: version.description,
    source: version.source,
    ...(version.lineage.runId ? { run_id: version.lineage.runId } : {}),
    status: version.status,
    tags: tagList(version.tags),
    ...(version.runLink ? { run_link: version.runLink } : {}),
    aliases: version.aliases,
  };
}

/** MLflow's `latest_versions`: the newest READY version of each stage. */
export function latestPerStage(versions: readonly VersionRecord[], stages: readonly string[] = []): VersionRecord[] {
  const wanted = new Set(stages.map((stage) => stage.toLowerCase()));
  const latest = new Map<string, VersionRecord>();
  for (const version of versions) {
    if (version.status !== 'READY') continue;
    if (wanted.size > 0 && !wanted.has(version.stage.toLowerCase())) continue;
    const seen = latest.get(version.stage);
    if (!seen || seen.version < version.version) latest.set(version.stage, version);
  }
  return [...latest.values()].sort((a, b) => a.version - b.version);
}

export function registeredModelJson(model: RegisteredModel, versions: readonly VersionRecord[]): Record<string, unknown> {
  return {
    name: model.name,
    creation_timestamp: model.createdAt,
    last_updated_timestamp: model.updatedAt,
    description: model.description,
    latest_versions: latestPerStage(versions).map(modelVersionJson),
    tags: tagList(model.tags),
    aliases: Object.entries(model.aliases).map(([alias, version]) => ({ alias, version: String(version) })),
  };
}
