// Types for the Python grammar, which Monaco ships without them.
declare module 'monaco-editor/esm/vs/basic-languages/python/python.js' {
  import type { languages } from 'monaco-editor/esm/vs/editor/editor.api';
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}
