import { useState } from 'react';
import type { SqlTab } from './tabs-store';

interface Props {
  tabs: SqlTab[];
  activeId: string;
  running: Set<string>;
  onSelect: (id: string) => void;
  onAdd: () => void;
  onClose: (id: string) => void;
  onRename: (id: string, title: string) => void;
}

/** Editor tabs: click to switch, double-click to rename, × to close, + for a new one. */
export function SqlTabs({ tabs, activeId, running, onSelect, onAdd, onClose, onRename }: Props) {
  const [editing, setEditing] = useState<{ id: string; title: string } | null>(null);
  const finish = (commit: boolean): void => {
    if (editing && commit) onRename(editing.id, editing.title);
    setEditing(null);
  };

  return (
    <div className="sql-tabs">
      <div role="tablist" aria-label="SQL tabs" className="sql-tablist">
        {tabs.map((tab) => (
          <div key={tab.id} className="sql-tab" data-active={tab.id === activeId}>
            {editing?.id === tab.id ? (
              <input
                className="sql-tab-rename"
                aria-label="Tab name"
                autoFocus
                value={editing.title}
                onChange={(e) => setEditing({ id: tab.id, title: e.target.value })}
                onBlur={() => finish(true)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') finish(true);
                  if (e.key === 'Escape') finish(false);
                }}
              />
            ) : (
              <button
                type="button"
                role="tab"
                aria-selected={tab.id === activeId}
                className="sql-tab-title"
                title="Double-click to rename"
                onClick={() => onSelect(tab.id)}
                onDoubleClick={() => setEditing({ id: tab.id, title: tab.title })}
              >
                {running.has(tab.id) && <span className="sql-tab-running" aria-label="running" />}
                {tab.title}
              </button>
            )}
            <button type="button" className="sql-icon-button" aria-label={`Close ${tab.title}`} title="Close tab" onClick={() => onClose(tab.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
      <button type="button" className="sql-icon-button sql-tab-add" aria-label="New SQL tab" title="New tab" onClick={onAdd}>
        +
      </button>
    </div>
  );
}
