/**
 * Monaco for the SQL panel, loaded on first use (see monaco-loader.ts) so the
 * app starts without it. Only the core editor and the contributions a SQL editor
 * needs are imported, not the whole bundle with its forty languages.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/browser/coreCommands.js';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/esm/vs/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/esm/vs/editor/common/standaloneStrings.js';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codiconStyles.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
// The grammar itself, not sql.contribution: that one registers "sql" with a lazy
// loader that would later replace the DuckDB additions made here.
import { conf, language } from 'monaco-editor/esm/vs/basic-languages/sql/sql.js';
import { completionEntries, type CatalogDataset, type EntryKind } from './completion';
import { duckdbFunctions, duckdbKeywords, duckdbTypes } from './duckdb-words';

export { monaco };

export const LANGUAGE_ID = 'duckdb-sql';
export const THEMES = { light: 'workbench-light', dark: 'workbench-dark' } as const;

// SQL has no language worker; the editor worker serves word suggestions and links.
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

monaco.languages.register({ id: LANGUAGE_ID, aliases: ['DuckDB SQL'], extensions: ['.sql'] });
monaco.languages.setLanguageConfiguration(LANGUAGE_ID, conf);
monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, {
  ...language,
  keywords: [...new Set([...language.keywords, ...duckdbKeywords, ...duckdbTypes])],
  builtinFunctions: [...new Set([...language.builtinFunctions, ...duckdbFunctions.map((f) => f.toUpperCase())])],
});

// Backgrounds match the app's --bg so the editor sits in the page, not on it.
monaco.editor.defineTheme(THEMES.light, { base: 'vs', inherit: true, rules: [], colors: { 'editor.background': '#ffffff' } });
monaco.editor.defineTheme(THEMES.dark, { base: 'vs-dark', inherit: true, rules: [], colors: { 'editor.background': '#1e1f22' } });

let catalog: CatalogDataset[] = [];

/** The datasets completion offers; the panel refreshes them from `data.list`. */
export function setCatalog(datasets: CatalogDataset[]): void {
  catalog = datasets;
}

const kinds: Record<EntryKind, monaco.languages.CompletionItemKind> = {
  dataset: monaco.languages.CompletionItemKind.Struct,
  column: monaco.languages.CompletionItemKind.Field,
  function: monaco.languages.CompletionItemKind.Function,
  keyword: monaco.languages.CompletionItemKind.Keyword,
  type: monaco.languages.CompletionItemKind.TypeParameter,
};

// Registered once, at load; it reads the catalog current at each request.
monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
  triggerCharacters: ['.'],
  provideCompletionItems(model, position) {
    const word = model.getWordUntilPosition(position);
    const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
    const before = model.getValueInRange(new monaco.Range(1, 1, position.lineNumber, position.column));
    const suggestions = completionEntries(catalog, model.getValue(), before).map((entry) => ({
      label: entry.label,
      kind: kinds[entry.kind],
      detail: entry.detail,
      insertText: entry.insertText,
      sortText: entry.sortText,
      range,
    }));
    return { suggestions };
  },
});
