import { memo, useCallback } from 'react';
import { CellOutputs, Markdown } from '../outputs';
import type { EditorCell } from '../document/cells';
import type { NotebookMonaco } from '../monaco/monaco-loader';
import type { KernelBridge } from '../monaco/monaco-python';
import { CodeEditor } from './CodeEditor';
import { StaticCode } from './StaticCode';
import { TextEditor } from './TextEditor';
import type { CellActions } from './use-commands';

interface Props {
  item: EditorCell;
  selected: boolean;
  editing: boolean;
  api: NotebookMonaco | null;
  theme: string;
  bridge: KernelBridge;
  actions: CellActions;
}

const typeLabel = { code: 'Code', markdown: 'Markdown', raw: 'Raw' } as const;

function prompt(item: EditorCell): string {
  if (item.run) return '[*]';
  const count = item.cell.execution_count;
  return typeof count === 'number' ? `[${count}]` : '[ ]';
}

/**
 * One cell. Memoised: a keystroke re-renders the cell being typed in and no
 * other, and the callbacks it gets never change.
 */
export const CellView = memo(function CellView({ item, selected, editing, api, theme, bridge, actions }: Props) {
  const { key, cell } = item;
  const type = cell.cell_type;
  const edit = useCallback(
    (offset: number) => {
      actions.setCursor(key, offset);
      actions.select(key, 'edit');
    },
    [actions, key],
  );

  let body;
  if (type === 'code') {
    // Until Monaco has loaded (or if it cannot), a text area edits the code.
    if (!editing) body = <StaticCode source={cell.source} api={api} theme={theme} onPress={edit} />;
    else if (api) body = <CodeEditor api={api} cellKey={key} source={cell.source} bridge={bridge} actions={actions} />;
    else body = <TextEditor cellKey={key} source={cell.source} label="Code cell text" actions={actions} />;
  } else if (editing) {
    body = <TextEditor cellKey={key} source={cell.source} label={`${typeLabel[type]} cell text`} actions={actions} />;
  } else if (type === 'markdown') {
    body = (
      <div className="nbv-markdown" onDoubleClick={() => edit(cell.source.length)}>
        {cell.source.trim() ? <Markdown source={cell.source} attachments={cell.attachments} /> : <p className="nbv-placeholder">Empty markdown cell: double-click or press Enter to write.</p>}
      </div>
    );
  } else {
    body = (
      <pre className="nbv-raw" onDoubleClick={() => edit(cell.source.length)}>
        {cell.source || '\u200b'}
      </pre>
    );
  }

  return (
    <div
      className={`nbv-cell nbv-cell-${type}${selected ? ' nbv-selected' : ''}${editing ? ' nbv-editing' : ''}`}
      data-testid="nb-cell"
      data-cell-key={key}
      data-running={item.run ?? undefined}
      role="group"
      aria-label={`${typeLabel[type]} cell`}
      aria-current={selected ? 'true' : undefined}
      tabIndex={-1}
      onMouseDown={(event) => {
        // A press in the code already chose edit mode; one elsewhere in the cell means command mode.
        if (event.defaultPrevented) return;
        const inEditor = event.target instanceof Element && event.target.closest('.nbv-code-editor, .nbv-text-editor');
        if (!selected || (editing && !inEditor)) actions.select(key, 'command');
      }}
    >
      <div className="nbv-prompt" aria-label={type === 'code' ? `Execution count ${prompt(item)}` : undefined}>
        {type === 'code' ? prompt(item) : null}
      </div>
      <div className="nbv-cell-main">
        {body}
        {type === 'code' && cell.outputs && cell.outputs.length > 0 && <CellOutputs outputs={cell.outputs} />}
      </div>
    </div>
  );
});
