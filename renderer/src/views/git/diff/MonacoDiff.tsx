import { useEffect, useRef } from 'react';
import type { editor as MonacoEditor } from 'monaco-editor/esm/vs/editor/editor.api';
import { useLoaded } from '../../../app/load-once';
import { useDarkTheme } from '../../data/sql/use-dark-theme';
import { loadDiffMonaco } from './monaco-loader';

interface Props {
  path: string;
  original: string;
  modified: string;
  language: string;
}

const options: MonacoEditor.IStandaloneDiffEditorConstructionOptions = {
  readOnly: true,
  originalEditable: false,
  renderSideBySide: true,
  // Side by side even in a narrow window: the file list beside it would otherwise flip it to inline.
  useInlineViewWhenSpaceIsLimited: false,
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 13,
  scrollBeyondLastLine: false,
  // Long files fold their unchanged stretches, so the changes are what one sees.
  hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 5, revealLineCount: 20 },
  // With unchanged stretches folded the changes are in view; the ruler would be a grey slab beside them.
  renderOverviewRuler: false,
  lineNumbersMinChars: 3,
};

/**
 * Monaco's side-by-side diff editor, read-only. One editor lives as long as
 * this component; each new pair of texts gets new models and the old ones are
 * disposed. If Monaco cannot load, the new text is shown plainly.
 */
export function MonacoDiff({ path, original, modified, language }: Props) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<MonacoEditor.IStandaloneDiffEditor | null>(null);
  const { value: api, failure } = useLoaded(loadDiffMonaco);
  const dark = useDarkTheme();

  useEffect(() => {
    const host = hostRef.current;
    if (!api || !host) return;
    const editor = api.monaco.editor.createDiffEditor(host, options);
    editorRef.current = editor;
    return () => {
      editorRef.current = null;
      editor.dispose();
    };
  }, [api]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!api || !editor) return;
    const id = api.knownLanguage(language);
    const pair = { original: api.monaco.editor.createModel(original, id), modified: api.monaco.editor.createModel(modified, id) };
    editor.setModel(pair);
    editor.getOriginalEditor().updateOptions({ ariaLabel: `${path}, before the change` });
    editor.getModifiedEditor().updateOptions({ ariaLabel: `${path}, after the change` });
    return () => {
      // Detach first: a disposed model still shown would break the editor.
      if (editorRef.current?.getModel()?.original === pair.original) editorRef.current.setModel(null);
      pair.original.dispose();
      pair.modified.dispose();
    };
  }, [api, path, original, modified, language]);

  useEffect(() => {
    api?.monaco.editor.setTheme(dark ? api.THEMES.dark : api.THEMES.light);
  }, [api, dark]);

  if (failure) {
    return (
      <div className="scm-diff-fallback">
        <p className="scm-note">The diff editor could not load ({failure}); the new text follows.</p>
        <pre>{modified}</pre>
      </div>
    );
  }
  return (
    <div className="scm-diff-monaco" data-testid="git-diff-editor">
      <div ref={hostRef} className="scm-diff-host" />
      {!api && <p className="scm-note scm-diff-loading">Loading the diff editor…</p>}
    </div>
  );
}
