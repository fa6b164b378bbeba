// Live connections, the presence they add up to, and who is typing where.
import { t, table } from 'spacetimedb/server';

/** One row per open connection of a member (tabs and devices each have one). */
export const connection = table(
  { name: 'connection' },
  {
    connectionId: t.connectionId().primaryKey(),
    identity: t.identity().index('btree'),
    connectedAt: t.timestamp(),
    idle: t.bool(),
  },
);

/** `online` when any connection is active, `idle` when all are idle, `offline` with none. */
export const presence = table(
  { name: 'presence' },
  {
    identity: t.identity().primaryKey(),
    status: t.string(),
    /** When the person was last connected and active (now, while online). */
    lastSeen: t.timestamp(),
  },
);

/** Someone typing in the comment box of a post; one box per person at a time. */
export const typing = table(
  { name: 'typing' },
  {
    identity: t.identity().primaryKey(),
    postId: t.u64().index('btree'),
    expiresAt: t.timestamp(),
  },
);

/** Clears a typing row that its client stopped refreshing. */
export const typingExpiry = table(
  { name: 'typing_expiry' },
  {
    scheduledId: t.u64().primaryKey().autoInc(),
    scheduledAt: t.scheduleAt(),
    identity: t.identity(),
  },
);
