import { describe, expect, it } from 'vitest';
import { commandModeKey, editModeKey, type Chord, type KeyPress } from './keys';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

/** Presses keys one after the other in command mode and lists the commands they gave. */
function sequence(...presses: KeyPress[]): (string | null)[] {
  let chord: Chord = null;
  return presses.map((p) => {
    const result = commandModeKey(p, chord);
    chord = result.chord;
    return result.command;
  });
}

describe('Jupyter keys in command mode', () => {
  it('maps the single keys', () => {
    expect(sequence(press('a'), press('b'), press('m'), press('y'), press('r'), press('z'), press('Enter'))).toEqual(['insert-above', 'insert-below', 'to-markdown', 'to-code', 'to-raw', 'undo', 'edit']);
    expect(sequence(press('ArrowUp'), press('k'), press('ArrowDown'), press('j'))).toEqual(['select-up', 'select-up', 'select-down', 'select-down']);
    expect(sequence(press('A', { shiftKey: true }), press('Z', { shiftKey: true }), press('M', { shiftKey: true }))).toEqual([null, 'redo', 'merge']);
  });

  it('needs D twice to delete, and any other key in between cancels it', () => {
    expect(sequence(press('d'), press('d'))).toEqual([null, 'delete']);
    expect(sequence(press('d'), press('j'), press('d'))).toEqual([null, 'select-down', null]);
    expect(sequence(press('d'), press('i'), press('i'))).toEqual([null, null, 'interrupt']);
    expect(sequence(press('0'), press('0'), press('0'))).toEqual([null, 'restart', null]);
  });

  it('runs with Shift, Ctrl (or Cmd) and Alt+Enter', () => {
    expect(sequence(press('Enter', { shiftKey: true }), press('Enter', { ctrlKey: true }), press('Enter', { metaKey: true }), press('Enter', { altKey: true }))).toEqual(['run-advance', 'run', 'run', 'run-insert']);
  });

  it('undoes and redoes with Ctrl, saves with Ctrl+S, and ignores other modified keys', () => {
    expect(sequence(press('z', { ctrlKey: true }), press('Z', { ctrlKey: true, shiftKey: true }), press('y', { ctrlKey: true }), press('s', { metaKey: true }))).toEqual(['undo', 'redo', 'redo', 'save']);
    expect(sequence(press('a', { ctrlKey: true }), press('b', { altKey: true }), press('c'))).toEqual([null, null, null]);
    expect(sequence(press('ArrowUp', { ctrlKey: true, shiftKey: true }))).toEqual(['move-up']);
  });
});

describe('Jupyter keys in edit mode', () => {
  it('leaves typing to the editor and takes only the notebook keys', () => {
    expect(editModeKey(press('a'))).toBeNull();
    expect(editModeKey(press('Enter'))).toBeNull();
    expect(editModeKey(press('z', { ctrlKey: true }))).toBeNull(); // the editor's own undo
    expect(editModeKey(press('Escape'))).toBe('command');
    expect(editModeKey(press('Enter', { shiftKey: true }))).toBe('run-advance');
    expect(editModeKey(press('Enter', { ctrlKey: true }))).toBe('run');
    expect(editModeKey(press('Enter', { altKey: true }))).toBe('run-insert');
    expect(editModeKey(press('_', { ctrlKey: true, shiftKey: true }))).toBe('split');
    expect(editModeKey(press('s', { ctrlKey: true }))).toBe('save');
  });
});
