import { useLayoutEffect, useRef } from 'react';
import { editModeKey } from './keys';
import type { CellActions } from './use-commands';

interface Props {
  cellKey: string;
  source: string;
  label: string;
  actions: CellActions;
}

/** Markdown and raw cells are edited as plain text; the notebook keys work as in a code cell. */
export function TextEditor({ cellKey, source, label, actions }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.focus({ preventScroll: true });
    const at = actions.cursorOf(cellKey) ?? area.value.length;
    area.setSelectionRange(at, at);
  }, [actions, cellKey]);

  // Grows with its text: the notebook scrolls, not the cell.
  useLayoutEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.style.height = 'auto';
    area.style.height = `${area.scrollHeight + 2}px`;
  }, [source]);

  return (
    <textarea
      ref={ref}
      className="nbv-text-editor"
      aria-label={label}
      spellCheck={false}
      value={source}
      onChange={(event) => actions.setSource(cellKey, event.target.value)}
      onSelect={(event) => actions.setCursor(cellKey, event.currentTarget.selectionStart)}
      onKeyDown={(event) => {
        const command = editModeKey(event);
        if (!command) return;
        event.preventDefault();
        event.stopPropagation();
        actions.perform(command);
      }}
    />
  );
}
