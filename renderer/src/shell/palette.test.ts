import { describe, expect, it } from 'vitest';
import { matchCommands, type Command } from './CommandPalette';

const commands: Command[] = ['Go to Data', 'Go to Models', 'Workspace: Open or Create…', 'Theme: Dark'].map((title) => ({
  id: title,
  title,
  run: () => undefined,
}));

describe('command palette matching', () => {
  it('keeps commands whose title holds every typed word, in any order and case', () => {
    expect(matchCommands(commands, '').map((c) => c.title)).toHaveLength(4);
    expect(matchCommands(commands, 'go').map((c) => c.title)).toEqual(['Go to Data', 'Go to Models']);
    expect(matchCommands(commands, 'open WORKSPACE').map((c) => c.title)).toEqual(['Workspace: Open or Create…']);
    expect(matchCommands(commands, 'dark model')).toEqual([]);
  });
});
