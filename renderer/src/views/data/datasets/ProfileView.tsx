import { useState } from 'react';
import type { Dataset, ResultColumn } from '../../../../../shared/contract';
import { TargetLegend } from './Charts';
import { CorrelationHeatmap } from './CorrelationHeatmap';
import { formatCount, formatSeconds } from './format';
import { ProfileTable } from './ProfileTable';
import type { ProfileRun } from './useProfile';

interface Props {
  /** What is profiled, as the user knows it: a dataset's name or a query tab's title. */
  label: string;
  /** The columns a target can be chosen from. */
  columns: readonly ResultColumn[];
  /** The dataset, when one is profiled: its columns' coercion notes and unparsed values come from it. */
  dataset?: Dataset;
  run: ProfileRun;
  show: 'profile' | 'correlations';
}

/** The profile's toolbar (target, refresh, progress) over either the column table or the correlations. */
export function ProfileView({ label, columns, dataset, run, show }: Props) {
  const { profile, progress, target } = run;
  const [stretch, setStretch] = useState(false);
  const running = progress !== null;
  const percent = progress?.fraction === null || progress === null ? undefined : Math.round(progress.fraction * 100);
  const groups = profile?.target?.columns[0]?.groups.map((g) => g.target) ?? [];

  return (
    <div className="ds-profile-view">
      <div className="ds-toolbar">
        <label className="ds-inline-field">
          Target column
          <select value={target ?? ''} onChange={(event) => run.run({ target: event.target.value || null })}>
            <option value="">(none)</option>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => run.run({ target, refresh: true })} disabled={running} title={dataset ? 'Profile again, ignoring the cached profile' : 'Profile again: the query runs again'}>
          Refresh
        </button>
        {running ? (
          <span className="ds-running" role="status">
            <progress max={100} value={percent} aria-label="Profiling progress" />
            <span>{progress.message || 'Profiling'}</span>
            <button type="button" onClick={run.cancel}>
              Cancel profiling
            </button>
          </span>
        ) : (
          profile && (
            <span className="ds-hint">
              {formatCount(profile.rowCount)} rows, {profile.columns.length} columns, profiled in {formatSeconds(profile.seconds)}
              {profile.cached && <> · from the cache, computed {new Date(profile.computedAt).toLocaleString()}</>}
            </span>
          )
        )}
      </div>

      {profile?.target && show === 'profile' && (
        <div className="ds-target-note">
          <TargetLegend target={profile.target.column} groups={groups} />
          <label className="ds-inline-field" title="Draw every bar full height, to compare the target's shares across values and bins">
            <input type="checkbox" checked={stretch} onChange={(event) => setStretch(event.target.checked)} />
            Stretch bars to 100%
          </label>
          <span className="ds-hint">
            Sorted by association with {profile.target.column}
            {profile.target.sampleRows < profile.rowCount && `; split on a sample of ${formatCount(profile.target.sampleRows)} rows`}.
          </span>
        </div>
      )}

      {!profile && running && <p className="ds-empty">Profiling {label}: every statistic is computed in DuckDB, no rows come to the UI.</p>}
      {profile && show === 'profile' && <ProfileTable dataset={dataset ?? resultAsDataset(label, columns)} profile={profile} stretch={stretch} />}
      {profile && show === 'correlations' && <CorrelationHeatmap correlations={profile.correlations} rowCount={profile.rowCount} />}
      {!profile && !running && (
        <p className="ds-empty">
          No profile yet. <button type="button" onClick={() => run.run({ target })}>Profile {label}</button>
        </p>
      )}
    </div>
  );
}

/**
 * ProfileTable takes a Dataset for its name and its columns' coercion notes. A
 * query result has no coercions (so no unparsed values to look up by id), and
 * this stands in for it until the table takes a label and columns instead.
 */
function resultAsDataset(label: string, columns: readonly ResultColumn[]): Dataset {
  return {
    id: '',
    name: label,
    description: '',
    format: 'sql',
    location: '',
    fingerprint: '',
    columns: columns.map((c) => ({ name: c.name, type: c.type, unparsed: 0 })),
    rowCount: 0,
    createdAt: '',
    updatedAt: '',
  };
}
