import { useState } from 'react';
import { BranchesPanel } from './BranchesPanel';
import { ChangesPanel } from './ChangesPanel';
import { HistoryPanel } from './HistoryPanel';
import { RemotesPanel } from './RemotesPanel';
import { StartPanel } from './StartPanel';
import { useGitStatus } from './use-git-status';
import './git.css';

type GitTab = 'changes' | 'history' | 'branches' | 'remotes';

const tabs: { id: GitTab; label: string }[] = [
  { id: 'changes', label: 'Changes' },
  { id: 'history', label: 'History' },
  { id: 'branches', label: 'Branches & tags' },
  { id: 'remotes', label: 'Remotes' },
];

/** The Source control stage: changes and commits, history, branches and tags, remotes. Panels stay mounted so their state survives tab switches. */
export function GitView() {
  const [tab, setTab] = useState<GitTab>('changes');
  const status = useGitStatus();

  return (
    <section className="view view-wide" aria-labelledby="view-sourceControl" data-testid="view-sourceControl">
      <h1 id="view-sourceControl">Source control</h1>
      {status.value && !status.value.repository ? (
        <StartPanel status={status} />
      ) : (
        <>
          <div role="tablist" aria-label="Source control tools" className="tabs">
            {tabs.map((t) => (
              <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className="tab" onClick={() => setTab(t.id)}>
                {t.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" aria-label="Changes" hidden={tab !== 'changes'}>
            <ChangesPanel status={status} active={tab === 'changes'} />
          </div>
          <div role="tabpanel" aria-label="History" hidden={tab !== 'history'}>
            <HistoryPanel status={status} active={tab === 'history'} />
          </div>
          <div role="tabpanel" aria-label="Branches and tags" hidden={tab !== 'branches'}>
            <BranchesPanel status={status} active={tab === 'branches'} />
          </div>
          <div role="tabpanel" aria-label="Remotes" hidden={tab !== 'remotes'}>
            <RemotesPanel status={status} active={tab === 'remotes'} />
          </div>
        </>
      )}
    </section>
  );
}
