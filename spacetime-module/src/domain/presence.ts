// Presence from connections: several tabs or devices count once.
import type { Identity, Timestamp, WriteDb } from '../context';

export const PRESENCE_STATUSES = ['online', 'idle', 'offline'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

/** online when any connection is active, idle when all are idle, offline with none. */
export function statusOf(db: WriteDb, identity: Identity): PresenceStatus {
  let any = false;
  for (const open of db.connection.identity.filter(identity)) {
    if (!open.idle) return 'online';
    any = true;
  }
  return any ? 'idle' : 'offline';
}

/**
 * Rewrites the presence row only when the status changes, so that a second
 * tab or an HTTP call does not disturb friends' subscriptions.
 */
export function refreshPresence(db: WriteDb, identity: Identity, now: Timestamp): void {
  const status = statusOf(db, identity);
  const current = db.presence.identity.find(identity);
  if (current === null) {
    db.presence.insert({ identity, status, lastSeen: now });
  } else if (current.status !== status) {
    db.presence.identity.update({ ...current, status, lastSeen: now });
  }
  if (status === 'offline') db.typing.identity.delete(identity);
}
