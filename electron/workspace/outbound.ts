import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { outboundEntrySchema } from '../../shared/contract';

/** One thing the workbench sent (or tried to send) off this machine. */
export type OutboundEntry = z.infer<typeof outboundEntrySchema>;
/** What a sender reports; the time is added when it is recorded. */
export type OutboundRecord = Omit<OutboundEntry, 'at'>;

/**
 * Appends to the workspace's outbound log (table `outbound_log`, migration 5).
 * Written before the data leaves, so an attempt is on record even when it
 * fails or the process dies half-way. Git pushes and registry pushes both
 * write here.
 */
export function recordOutbound(db: Database.Database, entry: OutboundRecord, at = new Date()): void {
  db.prepare('INSERT INTO outbound_log (at, action, target, detail) VALUES (?, ?, ?, ?)').run(at.toISOString(), entry.action, entry.target, entry.detail);
}

/** The latest entries, newest first; with `actionPrefix`, only actions that start with it (`registry.`). */
export function outboundLog(db: Database.Database, limit = 200, actionPrefix?: string): OutboundEntry[] {
  const count = Math.max(1, Math.floor(limit));
  if (actionPrefix === undefined) {
    return db.prepare<[number], OutboundEntry>('SELECT at, action, target, detail FROM outbound_log ORDER BY at DESC, id DESC LIMIT ?').all(count);
  }
  // substr rather than LIKE: a prefix holding `_` or `%` must match as written.
  return db
    .prepare<[number, string, number], OutboundEntry>('SELECT at, action, target, detail FROM outbound_log WHERE substr(action, 1, ?) = ? ORDER BY at DESC, id DESC LIMIT ?')
    .all(actionPrefix.length, actionPrefix, count);
}
