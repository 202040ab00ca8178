import type { ResultColumn } from '../../../../../shared/contract';
import { ProfileView } from '../datasets/ProfileView';
import type { ProfileRun } from '../datasets/useProfile';
// The profile's own styles, and its chart colours (set on .ds-panel).
import '../datasets/datasets.css';
import './result-view.css';

interface Props {
  title: string;
  columns: readonly ResultColumn[];
  run: ProfileRun;
  show: 'profile' | 'correlations';
  /** Filters are set on the rows: say that the profile does not follow them. */
  filtered: boolean;
}

/** A query result's profile: the Datasets panel's profile view, over the whole result. */
export function ResultProfile({ title, columns, run, show, filtered }: Props) {
  return (
    <div className="ds-panel sql-profile" data-testid="sql-profile">
      {filtered && <p className="sql-note sql-profile-note">The profile covers the whole result: the filters apply to the rows only.</p>}
      <ProfileView label={title} columns={columns} run={run} show={show} />
    </div>
  );
}
