import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { RecentWorkspace } from '../../shared/contract';
import type { Logger } from '../log';

const MAX_RECENT = 12;

const settingsSchema = z.object({
  recent: z
    .array(z.object({ path: z.string(), name: z.string(), openedAt: z.string() }))
    .default([]),
  /** Who commits when a repository's own git config names nobody. */
  gitAuthor: z.object({ name: z.string(), email: z.string() }).nullable().default(null),
});
type Settings = z.infer<typeof settingsSchema>;

/**
 * The app's own settings (not a workspace's): the recent workspaces list and
 * the commit author.
 * A JSON file written atomically, so a crash never leaves half a file.
 */
export interface AppSettings {
  recent(): RecentWorkspace[];
  remember(path: string): void;
  forget(path: string): void;
  gitAuthor(): { name: string; email: string } | null;
  setGitAuthor(author: { name: string; email: string }): void;
}

export function openAppSettings(appHome: string, log: Logger): AppSettings {
  const file = join(appHome, 'settings.json');
  let settings = load(file, log);

  const save = (next: Settings): void => {
    mkdirSync(appHome, { recursive: true });
    writeFileAtomic.sync(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    settings = next;
  };

  return {
    recent: () => settings.recent.map((entry) => ({ ...entry, exists: existsSync(entry.path) })),
    remember(path) {
      const entry = { path, name: basename(path) || path, openedAt: new Date().toISOString() };
      save({ ...settings, recent: [entry, ...settings.recent.filter((r) => r.path !== path)].slice(0, MAX_RECENT) });
    },
    forget(path) {
      save({ ...settings, recent: settings.recent.filter((r) => r.path !== path) });
    },
    gitAuthor: () => settings.gitAuthor,
    setGitAuthor(author) {
      save({ ...settings, gitAuthor: author });
    },
  };
}

function load(file: string, log: Logger): Settings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return settingsSchema.parse({});
  }
  try {
    return settingsSchema.parse(JSON.parse(text));
  } catch (error) {
    // Keep the unreadable file for the user to inspect; start from defaults.
    const aside = `${file}.unreadable-${Date.now()}`;
    renameSync(file, aside);
    log.warn('settings file was unreadable; moved aside and started afresh', { file, aside, error: String(error) });
    return settingsSchema.parse({});
  }
}
