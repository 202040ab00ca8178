// Types for the two Monaco files the SQL editor imports that ship without them.

declare module 'monaco-editor/esm/vs/editor/editor.worker?worker' {
  /** Vite bundles the worker and hands back its constructor. */
  const EditorWorker: new () => Worker;
  export default EditorWorker;
}

declare module 'monaco-editor/esm/vs/basic-languages/sql/sql.js' {
  import type { languages } from 'monaco-editor/esm/vs/editor/editor.api';
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage & { keywords: string[]; builtinFunctions: string[] };
}
