/**
 * Monaco for the diff editor, loaded on first use (see monaco-loader.ts). It is
 * the notebook's Monaco (one instance, one set of themes, Python), plus the
 * grammars of the other text files a data-science repository holds. Each
 * grammar is registered lazily: it loads only when a diff of that language shows.
 */
import 'monaco-editor/esm/vs/basic-languages/markdown/markdown.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/shell/shell.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/r/r.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/sql/sql.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/ini/ini.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/javascript/javascript.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/typescript/typescript.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/julia/julia.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/dockerfile/dockerfile.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/html/html.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/css/css.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/xml/xml.contribution.js';
import { monaco, THEMES } from '../../notebooks/monaco/monaco-python';

export { monaco, THEMES };

/** The language id to highlight with: the backend's guess when Monaco knows it, else plain text. */
export function knownLanguage(language: string): string {
  return monaco.languages.getLanguages().some((entry) => entry.id === language) ? language : 'plaintext';
}
