import { describe, expect, it } from 'vitest';
import { aliasChange, aliasProblem, aliasSuggestions, aliasesByVersion, describeAliasChange, parseAliasList } from './aliases';

describe('aliases', () => {
  it('offers champion and challenger first, then the model’s own aliases once each', () => {
    expect(aliasSuggestions({ staging: 2, champion: 1, blue: 3 })).toEqual(['champion', 'challenger', 'blue', 'staging']);
    expect(aliasSuggestions({})).toEqual(['champion', 'challenger']);
  });

  it('groups aliases by the version they point at', () => {
    const byVersion = aliasesByVersion({ champion: 2, zeta: 2, challenger: 3 });
    expect(byVersion.get(2)).toEqual(['champion', 'zeta']);
    expect(byVersion.get(3)).toEqual(['challenger']);
    expect(byVersion.get(1)).toBeUndefined();
  });

  it('refuses names MLflow refuses, and names that are not aliases', () => {
    expect(aliasProblem('champion')).toBeNull();
    expect(aliasProblem('blue-green_2')).toBeNull();
    expect(aliasProblem('')).toMatch(/name/);
    expect(aliasProblem('v3')).toMatch(/versions/);
    expect(aliasProblem('Latest')).toMatch(/latest/);
    expect(aliasProblem('2fast')).toMatch(/letter/);
    expect(aliasProblem('has space')).not.toBeNull();
  });

  it('tells a new alias from a move and from no change', () => {
    const aliases = { champion: 1 };
    expect(aliasChange(aliases, 'challenger', 2)).toEqual({ kind: 'new' });
    expect(aliasChange(aliases, 'champion', 1)).toEqual({ kind: 'same' });
    expect(aliasChange(aliases, 'champion', 3)).toEqual({ kind: 'move', from: 1 });
    expect(describeAliasChange(aliases, 'champion', 3)).toMatch(/from version 1 to version 3/);
    expect(describeAliasChange(aliases, 'champion', 1)).toMatch(/already/);
  });

  it('reads a typed list of aliases, reporting the first bad one', () => {
    expect(parseAliasList(' champion, challenger champion ')).toEqual({ aliases: ['champion', 'challenger'], problem: null });
    expect(parseAliasList('')).toEqual({ aliases: [], problem: null });
    const bad = parseAliasList('champion, v2');
    expect(bad.problem).toMatch(/^v2:/);
  });
});
