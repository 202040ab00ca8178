import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { WorkbenchError, type AuthorInfo } from '../../shared/contract';
import type { Author } from './repo';

export interface AuthorSources {
  dir: string;
  fs: typeof import('node:fs');
  /** The workbench's own setting. */
  workbench(): Author | null;
  /** Where ~/.gitconfig is looked for (tests point it elsewhere). */
  home?: string;
}

/**
 * Who commits: the repository's own config first (a project may ask for a
 * work address), then the workbench's setting, then the user's global git
 * config. isomorphic-git reads only the repository's config, so the global
 * files are read here.
 */
export async function authorInfo(sources: AuthorSources): Promise<AuthorInfo> {
  const workbench = sources.workbench();
  const fromRepo = await repoAuthor(sources);
  if (fromRepo) return { ...fromRepo, source: 'repository', workbench };
  if (workbench) return { ...workbench, source: 'workbench', workbench };
  const global = globalAuthor(sources.home ?? homedir());
  if (global) return { ...global, source: 'global', workbench };
  return { name: null, email: null, source: null, workbench };
}

export async function resolveAuthor(sources: AuthorSources): Promise<Author> {
  const info = await authorInfo(sources);
  if (info.name && info.email) return { name: info.name, email: info.email };
  throw new WorkbenchError('git_author_missing', 'No commit author is set: git config has no user.name and user.email, and neither do the workbench settings. Set your name and email in Source control first.');
}

async function repoAuthor({ dir, fs }: AuthorSources): Promise<Author | null> {
  try {
    const name = (await git.getConfig({ fs, dir, path: 'user.name' })) as unknown;
    const email = (await git.getConfig({ fs, dir, path: 'user.email' })) as unknown;
    return typeof name === 'string' && name && typeof email === 'string' && email ? { name, email } : null;
  } catch {
    return null;
  }
}

function globalAuthor(home: string): Author | null {
  const xdg = process.env.XDG_CONFIG_HOME || join(home, '.config');
  let name: string | null = null;
  let email: string | null = null;
  // Later files win, as in git: ~/.config/git/config, then ~/.gitconfig.
  for (const file of [join(xdg, 'git', 'config'), join(home, '.gitconfig')]) {
    const found = userSection(file);
    name = found.name ?? name;
    email = found.email ?? email;
  }
  return name && email ? { name, email } : null;
}

/** `name` and `email` of the `[user]` section of a git config file: the two keys, not the whole format. */
function userSection(file: string): { name?: string; email?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const found: { name?: string; email?: string } = {};
  let inUser = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)[#;].*$/, '').trim();
    const section = /^\[\s*([^\]\s"]+)\s*(?:"[^"]*")?\s*\]/.exec(line);
    if (section) {
      inUser = section[1]?.toLowerCase() === 'user' && !line.includes('"');
      continue;
    }
    const pair = /^([A-Za-z][\w-]*)\s*=\s*(.*)$/.exec(line);
    if (!inUser || !pair) continue;
    const key = pair[1]?.toLowerCase();
    const value = (pair[2] ?? '').replace(/^"(.*)"$/, '$1').trim();
    if (key === 'name' && value) found.name = value;
    if (key === 'email' && value) found.email = value;
  }
  return found;
}
