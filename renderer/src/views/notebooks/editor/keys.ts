/**
 * Jupyter's keyboard shortcuts, as pure functions of a key press, so that the
 * map is tested without a DOM. Command mode acts on cells; edit mode types into
 * one (its editor handles every key these functions leave alone).
 */

export type NotebookCommand =
  | 'edit'
  | 'command'
  | 'run'
  | 'run-advance'
  | 'run-insert'
  | 'insert-above'
  | 'insert-below'
  | 'delete'
  | 'to-code'
  | 'to-markdown'
  | 'to-raw'
  | 'split'
  | 'merge'
  | 'undo'
  | 'redo'
  | 'select-up'
  | 'select-down'
  | 'move-up'
  | 'move-down'
  | 'save'
  | 'interrupt'
  | 'restart';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The first key of a two-key command (D D, I I, 0 0) waiting for its second. */
export type Chord = 'd' | 'i' | '0' | null;

const chords: Record<Exclude<Chord, null>, NotebookCommand> = { d: 'delete', i: 'interrupt', '0': 'restart' };

/** Keys that mean the same in both modes. */
function anyModeKey(press: KeyPress): NotebookCommand | null {
  const mod = press.ctrlKey || press.metaKey;
  if (press.key === 'Enter') {
    if (press.shiftKey && !mod && !press.altKey) return 'run-advance';
    if (mod && !press.shiftKey && !press.altKey) return 'run';
    if (press.altKey && !mod && !press.shiftKey) return 'run-insert';
  }
  if (mod && !press.altKey && press.key.toLowerCase() === 's') return 'save';
  return null;
}

/** A key pressed while a cell's editor has the focus. */
export function editModeKey(press: KeyPress): NotebookCommand | null {
  const both = anyModeKey(press);
  if (both) return both;
  const mod = press.ctrlKey || press.metaKey;
  if (press.key === 'Escape' && !mod && !press.shiftKey && !press.altKey) return 'command';
  // Ctrl+Shift+Minus, as in Jupyter (the key reads '_' with Shift on most layouts).
  if (mod && press.shiftKey && (press.key === '-' || press.key === '_')) return 'split';
  return null;
}

/** A key pressed on the notebook in command mode, with the chord it leaves pending. */
export function commandModeKey(press: KeyPress, chord: Chord): { command: NotebookCommand | null; chord: Chord } {
  const both = anyModeKey(press);
  if (both) return { command: both, chord: null };
  const mod = press.ctrlKey || press.metaKey;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (mod) {
    if (key === 'z' && !press.altKey) return { command: press.shiftKey ? 'redo' : 'undo', chord: null };
    if (key === 'y' && !press.shiftKey && !press.altKey) return { command: 'redo', chord: null };
    if (press.shiftKey && (key === 'ArrowUp' || key === 'ArrowDown')) return { command: key === 'ArrowUp' ? 'move-up' : 'move-down', chord: null };
    return { command: null, chord: null };
  }
  if (press.altKey) return { command: null, chord: null };
  if (key === 'd' || key === 'i' || key === '0') {
    if (press.shiftKey) return { command: null, chord: null };
    return chord === key ? { command: chords[key], chord: null } : { command: null, chord: key };
  }
  const single = singleKey(key, press.shiftKey);
  return { command: single, chord: null };
}

function singleKey(key: string, shift: boolean): NotebookCommand | null {
  if (shift) {
    if (key === 'z') return 'redo';
    if (key === 'm') return 'merge';
    return null;
  }
  switch (key) {
    case 'Enter':
      return 'edit';
    case 'a':
      return 'insert-above';
    case 'b':
      return 'insert-below';
    case 'm':
      return 'to-markdown';
    case 'y':
      return 'to-code';
    case 'r':
      return 'to-raw';
    case 'z':
      return 'undo';
    case 'ArrowUp':
    case 'k':
      return 'select-up';
    case 'ArrowDown':
    case 'j':
      return 'select-down';
    default:
      return null;
  }
}

/** The shortcuts, for the help the editor shows. */
export const shortcutHelp: readonly [string, string][] = [
  ['Shift+Enter', 'run, then select the next cell'],
  ['Ctrl+Enter', 'run in place'],
  ['Alt+Enter', 'run, then insert a cell below'],
  ['Esc / Enter', 'command mode / edit mode'],
  ['A / B', 'insert a cell above / below'],
  ['D D', 'delete the cell'],
  ['M / Y / R', 'markdown / code / raw'],
  ['Shift+M', 'merge with the cell below'],
  ['Ctrl+Shift+-', 'split at the cursor (edit mode)'],
  ['Z / Shift+Z', 'undo / redo a cell change'],
  ['↑ ↓ or K J', 'select the cell above / below'],
  ['I I / 0 0', 'interrupt / restart the kernel'],
  ['Ctrl+S', 'save'],
];
