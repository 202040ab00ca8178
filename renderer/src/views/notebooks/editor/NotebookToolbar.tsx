import { useState, type ReactNode } from 'react';
import type { CellType } from '../document/cells';
import { shortcutHelp, type NotebookCommand } from './keys';
import type { RunScope } from './use-commands';

interface Props {
  perform: (command: NotebookCommand) => void;
  runScope: (scope: RunScope) => void;
  onClear: (all: boolean) => void;
  selectedType: CellType | null;
  canUndo: boolean;
  canRedo: boolean;
}

/** A toolbar button that leaves the focus where it was, so the keyboard keeps working on the cells. */
function Tool({ label, title, onClick, disabled, children }: { label: string; title?: string; onClick: () => void; disabled?: boolean; children?: ReactNode }) {
  return (
    <button type="button" aria-label={label} title={title ?? label} disabled={disabled} onMouseDown={(event) => event.preventDefault()} onClick={onClick}>
      {children ?? label}
    </button>
  );
}

/** Every cell command, for the mouse; each names its key. */
export function NotebookToolbar({ perform, runScope, onClear, selectedType, canUndo, canRedo }: Props) {
  const [help, setHelp] = useState(false);
  const none = selectedType === null;
  return (
    <div className="nbv-toolbar-wrap">
      <div className="nbv-toolbar" role="toolbar" aria-label="Notebook">
        <span className="nbv-tool-group">
          <Tool label="Run cell" title="Run the cell (Ctrl+Enter); Shift+Enter also selects the next" onClick={() => perform('run-advance')} disabled={none}>
            ▶ Run
          </Tool>
          <Tool label="Run all" onClick={() => runScope('all')}>
            Run all
          </Tool>
          <Tool label="Run above" title="Run every cell above the selected one" onClick={() => runScope('above')} disabled={none}>
            Above
          </Tool>
          <Tool label="Run below" title="Run the selected cell and every cell below" onClick={() => runScope('below')} disabled={none}>
            Below
          </Tool>
        </span>
        <span className="nbv-tool-group">
          <Tool label="Insert cell above" title="Insert a cell above (A)" onClick={() => perform('insert-above')}>
            + Above
          </Tool>
          <Tool label="Insert cell below" title="Insert a cell below (B)" onClick={() => perform('insert-below')}>
            + Below
          </Tool>
          <Tool label="Move cell up" title="Move up (Ctrl+Shift+↑)" onClick={() => perform('move-up')} disabled={none}>
            ↑
          </Tool>
          <Tool label="Move cell down" title="Move down (Ctrl+Shift+↓)" onClick={() => perform('move-down')} disabled={none}>
            ↓
          </Tool>
          <Tool label="Split cell" title="Split at the cursor (Ctrl+Shift+-)" onClick={() => perform('split')} disabled={none}>
            Split
          </Tool>
          <Tool label="Merge with below" title="Merge with the cell below (Shift+M)" onClick={() => perform('merge')} disabled={none}>
            Merge
          </Tool>
          <Tool label="Delete cell" title="Delete (D, D)" onClick={() => perform('delete')} disabled={none}>
            Delete
          </Tool>
          <select
            aria-label="Cell type"
            value={selectedType ?? ''}
            disabled={none}
            onChange={(event) => perform(event.target.value === 'markdown' ? 'to-markdown' : event.target.value === 'raw' ? 'to-raw' : 'to-code')}
          >
            <option value="code">Code</option>
            <option value="markdown">Markdown</option>
            <option value="raw">Raw</option>
          </select>
        </span>
        <span className="nbv-tool-group">
          <Tool label="Clear output" title="Clear the selected cell's output" onClick={() => onClear(false)} disabled={none}>
            Clear
          </Tool>
          <Tool label="Clear all outputs" onClick={() => onClear(true)}>
            Clear all
          </Tool>
          <Tool label="Undo cell change" title="Undo a cell change (Z)" onClick={() => perform('undo')} disabled={!canUndo}>
            Undo
          </Tool>
          <Tool label="Redo cell change" title="Redo (Shift+Z)" onClick={() => perform('redo')} disabled={!canRedo}>
            Redo
          </Tool>
          <button type="button" aria-expanded={help} onClick={() => setHelp(!help)} title="Keyboard shortcuts">
            Keys
          </button>
        </span>
      </div>
      {help && (
        <dl className="nbv-shortcuts" aria-label="Keyboard shortcuts">
          {shortcutHelp.map(([keys, what]) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
