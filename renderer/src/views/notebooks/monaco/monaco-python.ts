/**
 * Monaco for notebook cells, loaded on first use (see monaco-loader.ts): the
 * core editor, the contributions a cell editor needs, and Python. Completion
 * and hover help come from the cell's kernel, through a bridge each editor
 * registers for its model.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/browser/coreCommands.js';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController.js';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/esm/vs/editor/common/standaloneStrings.js';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codiconStyles.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { conf, language } from 'monaco-editor/esm/vs/basic-languages/python/python.js';

export { monaco };

export const THEMES = { light: 'workbench-light', dark: 'workbench-dark' } as const;

/** What a cell's editor asks of its kernel; null answers when no kernel runs. */
export interface KernelBridge {
  complete(code: string, cursor: number): Promise<{ matches: string[]; cursorStart: number; cursorEnd: number } | null>;
  inspect(code: string, cursor: number): Promise<string | null>;
}

self.MonacoEnvironment ??= { getWorker: () => new EditorWorker() };

monaco.languages.register({ id: 'python', extensions: ['.py'], aliases: ['Python'] });
monaco.languages.setLanguageConfiguration('python', conf);
monaco.languages.setMonarchTokensProvider('python', language);

// The same names and backgrounds as the SQL editor's themes, so either may load first.
monaco.editor.defineTheme(THEMES.light, { base: 'vs', inherit: true, rules: [], colors: { 'editor.background': '#ffffff' } });
monaco.editor.defineTheme(THEMES.dark, { base: 'vs-dark', inherit: true, rules: [], colors: { 'editor.background': '#1e1f22' } });

let shownTheme: string | null = null;

/** Sets Monaco's theme (one for the whole page) when it changes; highlighting and editors follow it. */
export function applyTheme(theme: string): void {
  if (theme === shownTheme) return;
  shownTheme = theme;
  monaco.editor.setTheme(theme);
}

const bridges = new Map<string, KernelBridge>();

/** Lets completion and hovers of this model ask this kernel; returns the undo. */
export function registerBridge(model: monaco.editor.ITextModel, bridge: KernelBridge): () => void {
  const key = model.uri.toString();
  bridges.set(key, bridge);
  return () => {
    if (bridges.get(key) === bridge) bridges.delete(key);
  };
}

monaco.languages.registerCompletionItemProvider('python', {
  triggerCharacters: ['.'],
  async provideCompletionItems(model, position) {
    const bridge = bridges.get(model.uri.toString());
    const answer = bridge ? await bridge.complete(model.getValue(), model.getOffsetAt(position)).catch(() => null) : null;
    if (!answer || model.isDisposed()) return { suggestions: [] };
    const start = model.getPositionAt(answer.cursorStart);
    const end = model.getPositionAt(answer.cursorEnd);
    const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
    return {
      suggestions: answer.matches.map((match, index) => ({
        label: match,
        kind: monaco.languages.CompletionItemKind.Variable,
        insertText: match,
        range,
        // The kernel's order, not Monaco's alphabetical one.
        sortText: index.toString().padStart(6, '0'),
      })),
    };
  },
});

monaco.languages.registerHoverProvider('python', {
  async provideHover(model, position) {
    const word = model.getWordAtPosition(position);
    const bridge = bridges.get(model.uri.toString());
    if (!word || !bridge) return null;
    const end = model.getOffsetAt({ lineNumber: position.lineNumber, column: word.endColumn });
    const text = await bridge.inspect(model.getValue(), end).catch(() => null);
    if (!text || model.isDisposed()) return null;
    return {
      range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
      // A fenced block: the kernel's text is shown as text, never as markdown or HTML.
      contents: [{ value: fence(text), isTrusted: false, supportHtml: false }],
    };
  },
});

function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}text\n${text}\n${marks}`;
}
