import { describe, expect, it } from 'vitest';
import { cloneRequest, repositoryName, suggestedPath, type CloneDraft } from './clone-draft';

const draft = (over: Partial<CloneDraft>): CloneDraft => ({ url: 'https://example.com/team/churn.git', path: '/home/me/churn', kind: 'none', username: '', secret: '', ...over });

describe('clone form', () => {
  it('names the folder after the repository, beside the workspace', () => {
    expect(repositoryName('https://example.com/team/churn.git/')).toBe('churn');
    expect(suggestedPath('/home/me/work', 'https://example.com/team/churn.git')).toBe('/home/me/churn');
    expect(suggestedPath('C:\\Users\\me\\work', 'https://example.com/team/churn')).toBe('C:\\Users\\me\\churn');
    expect(suggestedPath('/home/me/work', 'https://example.com')).toBeNull();
  });

  it('refuses URLs the backend would refuse, with the reason', () => {
    expect(cloneRequest(draft({ url: 'git@example.com:team/churn.git' }))).toEqual({ problem: expect.stringContaining('URL') });
    expect(cloneRequest(draft({ url: 'ssh://example.com/churn' }))).toEqual({ problem: 'URL: only http(s) remotes are supported' });
    expect(cloneRequest(draft({ url: 'https://me:pw@example.com/churn' }))).toEqual({ problem: expect.stringContaining('credentials') });
  });

  it('sends the credentials chosen, and none when none are', () => {
    expect(cloneRequest(draft({}))).toEqual({ request: { url: 'https://example.com/team/churn.git', path: '/home/me/churn' } });
    expect(cloneRequest(draft({ kind: 'token', secret: 'ghp_x' }))).toEqual({ request: expect.objectContaining({ credentials: { kind: 'token', token: 'ghp_x' } }) });
    expect(cloneRequest(draft({ kind: 'basic', username: 'me', secret: '' }))).toEqual({ problem: 'A user name and a password are both required' });
    expect(cloneRequest(draft({ kind: 'basic', username: 'me', secret: 'pw' }))).toEqual({ request: expect.objectContaining({ credentials: { kind: 'basic', username: 'me', password: 'pw' } }) });
  });
});
