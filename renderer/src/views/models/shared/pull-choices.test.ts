import { describe, expect, it } from 'vitest';
import { pullChoices } from './pull-choices';

describe('what can be pulled', () => {
  it('offers aliases first, then versions newest first (by number, not text), with an unfinished status said', () => {
    const choices = pullChoices({
      name: 'churn',
      description: '',
      versions: [
        { version: '2', status: 'READY', aliases: ['champion'], runId: null },
        { version: '10', status: 'FAILED_REGISTRATION', aliases: [], runId: null },
        { version: '9', status: 'READY', aliases: ['challenger', 'blue'], runId: 'r' },
      ],
    });
    expect(choices.map((c) => c.label)).toEqual(['@blue (version 9)', '@challenger (version 9)', '@champion (version 2)', 'version 10 (failed registration)', 'version 9', 'version 2']);
    expect(choices[0]!.input).toEqual({ alias: 'blue' });
    expect(choices[4]).toEqual({ value: 'version:9', label: 'version 9', input: { version: '9' } });
  });

  it('offers nothing for a model with no versions', () => {
    expect(pullChoices({ name: 'empty', description: '', versions: [] })).toEqual([]);
  });
});
