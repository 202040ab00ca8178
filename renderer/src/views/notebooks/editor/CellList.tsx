import { useRef, type KeyboardEvent } from 'react';
import type { CellType } from '../document/cells';
import type { DocState } from '../document/notebook-doc';
import type { NotebookMonaco } from '../monaco/monaco-loader';
import type { KernelBridge } from '../monaco/monaco-python';
import { CellView } from './CellView';
import { commandModeKey, editModeKey, type Chord } from './keys';
import type { CellActions } from './use-commands';

interface Props {
  doc: DocState;
  api: NotebookMonaco | null;
  theme: string;
  bridge: KernelBridge;
  actions: CellActions;
  onAdd: (type: CellType) => void;
}

/** Where typing belongs to a field, not to the notebook's command keys. */
const FIELDS = 'input, textarea, select, button, a, [contenteditable=""], [contenteditable="true"], .monaco-editor';

/** The cells, and the command-mode keys on them (edit-mode keys belong to each cell's editor). */
export function CellList({ doc, api, theme, bridge, actions, onAdd }: Props) {
  const chord = useRef<Chord>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.defaultPrevented || event.nativeEvent.isComposing) return;
    const inField = event.target instanceof Element && event.target.closest(FIELDS);
    if (inField) {
      // Ctrl+S saves from anywhere in the notebook; the rest belongs to the field.
      if (editModeKey(event) === 'save') {
        event.preventDefault();
        actions.perform('save');
      }
      return;
    }
    const { command, chord: next } = commandModeKey(event, chord.current);
    chord.current = next;
    if (!command) return;
    event.preventDefault();
    actions.perform(command);
  };

  return (
    <div className="nbv-cells" data-testid="nb-cells" onKeyDown={onKeyDown}>
      {doc.cells.map((item) => {
        const selected = item.key === doc.selected;
        return <CellView key={item.key} item={item} selected={selected} editing={selected && doc.mode === 'edit'} api={api} theme={theme} bridge={bridge} actions={actions} />;
      })}
      <div className="nbv-add-end">
        <button type="button" onClick={() => onAdd('code')}>
          + Code
        </button>
        <button type="button" onClick={() => onAdd('markdown')}>
          + Markdown
        </button>
      </div>
    </div>
  );
}
