import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { NotebookMonaco } from '../monaco/monaco-loader';
import type { KernelBridge } from '../monaco/monaco-python';
import type { NotebookCommand } from './keys';
import type { CellActions } from './use-commands';

interface Props {
  api: NotebookMonaco;
  cellKey: string;
  source: string;
  bridge: KernelBridge;
  actions: CellActions;
}

export const LINE_HEIGHT = 19;
export const CODE_FONT = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace";

/**
 * The one Monaco editor of a notebook, mounted in the cell being edited (the
 * other cells show highlighted text). Its height follows its content; the
 * notebook keys (run, Esc, split) are editor actions, so that Monaco's own
 * widgets (suggestions, find) keep Enter and Esc while they are open.
 */
export function CodeEditor({ api, cellKey, source, bridge, actions }: Props) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<ReturnType<NotebookMonaco['monaco']['editor']['create']> | null>(null);
  const [help, setHelp] = useState<string | null>(null);
  // The first text only: later changes come from this editor, or are pushed in below.
  const [initialSource] = useState(source);
  // The text this editor last sent up: a `source` prop that differs came from elsewhere.
  const sent = useRef(source);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const { monaco } = api;
    const model = monaco.editor.createModel(initialSource, 'python', monaco.Uri.parse(`inmemory://notebook/cell-${cellKey}.py`));
    const editor = monaco.editor.create(host, {
      model,
      ariaLabel: 'Code cell editor',
      automaticLayout: true,
      minimap: { enabled: false },
      lineNumbers: 'off',
      glyphMargin: false,
      folding: false,
      lineDecorationsWidth: 6,
      lineNumbersMinChars: 0,
      fontSize: 13,
      lineHeight: LINE_HEIGHT,
      fontFamily: CODE_FONT,
      padding: { top: 6, bottom: 6 },
      scrollBeyondLastLine: false,
      scrollbar: { vertical: 'hidden', alwaysConsumeMouseWheel: false, horizontalScrollbarSize: 8 },
      overviewRulerLanes: 0,
      hideCursorInOverviewRuler: true,
      overviewRulerBorder: false,
      renderLineHighlight: 'none',
      fixedOverflowWidgets: true,
      // Jupyter completes on Tab (and Ctrl+Space), not while typing.
      quickSuggestions: false,
      suggestOnTriggerCharacters: false,
      wordBasedSuggestions: 'off',
      tabSize: 4,
      insertSpaces: true,
      hover: { delay: 600 },
    });
    editorRef.current = editor;
    const stopBridge = api.registerBridge(model, bridge);

    const fit = (): void => {
      const height = Math.max(LINE_HEIGHT + 12, editor.getContentHeight());
      host.style.height = `${height}px`;
      editor.layout({ width: host.clientWidth, height });
    };
    const sizes = editor.onDidContentSizeChange(fit);
    fit();

    const push = (): void => {
      sent.current = model.getValue();
      actions.setSource(cellKey, sent.current);
    };
    const changes = editor.onDidChangeModelContent(() => {
      setHelp(null);
      push();
    });
    const cursors = editor.onDidChangeCursorPosition((event) => actions.setCursor(cellKey, model.getOffsetAt(event.position)));

    const command = (id: string, label: string, keybinding: number, run: NotebookCommand, context?: string): void => {
      editor.addAction({
        id: `notebook.${id}`,
        label,
        keybindings: [keybinding],
        ...(context ? { keybindingContext: context } : {}),
        run: () => {
          push();
          actions.perform(run);
        },
      });
    };
    const { KeyMod, KeyCode } = monaco;
    command('runAdvance', 'Run Cell and Select Below', KeyMod.Shift | KeyCode.Enter, 'run-advance');
    command('run', 'Run Cell', KeyMod.CtrlCmd | KeyCode.Enter, 'run');
    command('runInsert', 'Run Cell and Insert Below', KeyMod.Alt | KeyCode.Enter, 'run-insert');
    command('split', 'Split Cell at Cursor', KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.Minus, 'split');
    command('commandMode', 'Leave the Cell (Command Mode)', KeyCode.Escape, 'command', '!suggestWidgetVisible && !findWidgetVisible && !editorHasMultipleSelections && !parameterHintsVisible');

    // Tab completes after a name, as in Jupyter, and indents elsewhere.
    editor.addAction({
      id: 'notebook.tabComplete',
      label: 'Complete or Indent',
      keybindings: [KeyCode.Tab],
      keybindingContext: '!suggestWidgetVisible && !inSnippetMode && !editorHasSelection && !editorReadonly',
      run: () => {
        const position = editor.getPosition();
        const before = position ? model.getLineContent(position.lineNumber).slice(0, position.column - 1) : '';
        editor.trigger('keyboard', /[\w.)\]]$/.test(before) ? 'editor.action.triggerSuggest' : 'tab', null);
      },
    });
    // Shift+Tab shows the kernel's help for the name at the cursor.
    editor.addAction({
      id: 'notebook.inspect',
      label: 'Show Help (Kernel)',
      keybindings: [KeyMod.Shift | KeyCode.Tab],
      keybindingContext: '!suggestWidgetVisible',
      run: async () => {
        const position = editor.getPosition();
        if (!position) return;
        const word = model.getWordAtPosition(position);
        const cursor = word ? model.getOffsetAt({ lineNumber: position.lineNumber, column: word.endColumn }) : model.getOffsetAt(position);
        const text = await bridge.inspect(model.getValue(), cursor).catch(() => null);
        setHelp(text ?? 'No help found here (is the kernel running?).');
      },
    });

    const start = actions.cursorOf(cellKey);
    if (start !== null) editor.setPosition(model.getPositionAt(start));
    else editor.setPosition(model.getPositionAt(model.getValueLength()));
    editor.focus();

    return () => {
      stopBridge();
      sizes.dispose();
      changes.dispose();
      cursors.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, [api, bridge, cellKey, actions, initialSource]);

  // Text changed from outside (undo of a split, a reload) while the editor is open.
  useLayoutEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || source === sent.current) return;
    sent.current = source;
    if (model.getValue() !== source) model.setValue(source);
  }, [source]);

  return (
    <div className="nbv-code-editor" data-testid="nb-code-editor">
      <div ref={hostRef} className="nbv-monaco-host" />
      {help !== null && (
        <div className="nbv-help" role="tooltip">
          <button type="button" className="nbv-help-close" aria-label="Close help" onClick={() => setHelp(null)}>
            ×
          </button>
          <pre>{help}</pre>
        </div>
      )}
    </div>
  );
}
