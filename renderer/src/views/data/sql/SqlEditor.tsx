import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { editor as MonacoEditor } from 'monaco-editor/esm/vs/editor/editor.api';
import { useLoaded } from '../../../app/load-once';
import { loadMonaco } from './monaco-loader';
import { pickRunnable, type ErrorRange, type Runnable } from './sql-text';
import type { SqlTab } from './tabs-store';
import { useDarkTheme } from './use-dark-theme';

export interface SqlEditorHandle {
  /** The selection, or the whole text, of the active tab. */
  runnable(): Runnable | null;
  focus(): void;
}

export interface EditorMarker {
  range: ErrorRange;
  message: string;
}

interface Props {
  tabs: SqlTab[];
  activeId: string;
  marker: EditorMarker | null;
  onChange: (tabId: string, sql: string) => void;
  onRun: () => void;
  handleRef: Ref<SqlEditorHandle>;
}

const options: MonacoEditor.IStandaloneEditorConstructionOptions = {
  ariaLabel: 'SQL editor',
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 13,
  tabSize: 2,
  scrollBeyondLastLine: false,
  // Suggestions and hovers may overflow the editor's box, which is short.
  fixedOverflowWidgets: true,
  renderLineHighlight: 'line',
  lineNumbersMinChars: 3,
  hideCursorInOverviewRuler: true,
  overviewRulerBorder: false,
};

/**
 * Monaco with one model per tab (each keeps its own undo history and scroll
 * position). While Monaco loads nothing can be typed; if it cannot load, a plain
 * text area takes its place so SQL can still be run.
 */
export function SqlEditor({ tabs, activeId, marker, onChange, onRun, handleRef }: Props) {
  const hostRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const editorRef = useRef<MonacoEditor.IStandaloneCodeEditor | null>(null);
  const modelsRef = useRef(new Map<string, MonacoEditor.ITextModel>());
  const viewStatesRef = useRef(new Map<string, MonacoEditor.ICodeEditorViewState | null>());
  const decorationsRef = useRef<MonacoEditor.IEditorDecorationsCollection | null>(null);
  const latest = useRef({ onChange, onRun, activeId });
  const { value: api, failure } = useLoaded(loadMonaco);
  const dark = useDarkTheme();

  useEffect(() => {
    latest.current = { onChange, onRun, activeId };
  });

  useEffect(() => {
    const host = hostRef.current;
    if (!api || !host) return;
    const { monaco } = api;
    const models = modelsRef.current;
    const editor = monaco.editor.create(host, { ...options, model: null });
    editor.addAction({
      id: 'workbench.sql.run',
      label: 'Run Query or Selection',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      contextMenuGroupId: 'navigation',
      contextMenuOrder: 0,
      run: () => latest.current.onRun(),
    });
    const changes = editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (model) latest.current.onChange(latest.current.activeId, model.getValue());
    });
    editorRef.current = editor;
    decorationsRef.current = editor.createDecorationsCollection();
    return () => {
      changes.dispose();
      editor.dispose();
      for (const model of models.values()) model.dispose();
      models.clear();
      editorRef.current = null;
    };
  }, [api]);

  // Show the active tab's model; forget the models of closed tabs.
  useEffect(() => {
    const editor = editorRef.current;
    if (!api || !editor) return;
    const models = modelsRef.current;
    let model = models.get(activeId);
    if (!model) {
      model = api.monaco.editor.createModel(tabs.find((t) => t.id === activeId)?.sql ?? '', api.LANGUAGE_ID);
      models.set(activeId, model);
    }
    const shown = editor.getModel();
    if (shown !== model) {
      const shownId = [...models].find(([, m]) => m === shown)?.[0];
      if (shownId) viewStatesRef.current.set(shownId, editor.saveViewState());
      editor.setModel(model);
      const state = viewStatesRef.current.get(activeId);
      if (state) editor.restoreViewState(state);
    }
    const open = new Set(tabs.map((t) => t.id));
    for (const [id, m] of models) {
      if (open.has(id)) continue;
      m.dispose();
      models.delete(id);
      viewStatesRef.current.delete(id);
    }
  }, [api, activeId, tabs]);

  useEffect(() => {
    api?.monaco.editor.setTheme(dark ? api.THEMES.dark : api.THEMES.light);
  }, [api, dark]);

  useEffect(() => {
    const model = modelsRef.current.get(activeId);
    if (!api || !model) return;
    const { monaco } = api;
    const markers = marker
      ? [{ severity: monaco.MarkerSeverity.Error, message: marker.message, startLineNumber: marker.range.line, endLineNumber: marker.range.line, startColumn: marker.range.startColumn, endColumn: marker.range.endColumn }]
      : [];
    monaco.editor.setModelMarkers(model, 'duckdb', markers);
    decorationsRef.current?.set(
      marker ? [{ range: new monaco.Range(marker.range.line, 1, marker.range.line, 1), options: { isWholeLine: true, className: 'sql-error-line', linesDecorationsClassName: 'sql-error-gutter' } }] : [],
    );
    if (marker) editorRef.current?.revealLineInCenterIfOutsideViewport(marker.range.line);
  }, [api, activeId, marker]);

  useImperativeHandle(
    handleRef,
    () => ({
      runnable: () => {
        const editor = editorRef.current;
        const model = editor?.getModel();
        if (editor && model) {
          const selection = editor.getSelection();
          const range = selection ? { start: model.getOffsetAt(selection.getStartPosition()), end: model.getOffsetAt(selection.getEndPosition()) } : null;
          return pickRunnable(model.getValue(), range);
        }
        const area = textareaRef.current;
        if (!area) return null;
        return pickRunnable(area.value, { start: area.selectionStart, end: area.selectionEnd });
      },
      focus: () => (editorRef.current ?? textareaRef.current)?.focus(),
    }),
    [],
  );

  if (failure) {
    const sql = tabs.find((t) => t.id === activeId)?.sql ?? '';
    return (
      <div className="sql-editor sql-editor-fallback">
        <textarea
          ref={textareaRef}
          aria-label="SQL editor"
          spellCheck={false}
          value={sql}
          onChange={(event) => onChange(activeId, event.target.value)}
          onKeyDown={(event) => {
            if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
              event.preventDefault();
              onRun();
            }
          }}
        />
        <p className="sql-note">The code editor could not load ({failure}); this plain editor runs SQL the same way.</p>
      </div>
    );
  }
  return (
    <div className="sql-editor" data-testid="sql-editor">
      <div ref={hostRef} className="sql-editor-host" />
      {!api && <p className="sql-editor-loading">Loading the editor…</p>}
    </div>
  );
}
