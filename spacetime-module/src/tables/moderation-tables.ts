// Admin grants, bans, mutes (and their ends), reports and the audit log of every admin action.
import { t, table } from 'spacetimedb/server';

/** Admins named by the database owner (besides tokens carrying the admin role). */
export const adminGrant = table(
  { name: 'admin_grant' },
  {
    identity: t.identity().primaryKey(),
    grantedBy: t.identity(),
    /** Indexed so that admin views can read every grant as one range. */
    grantedAt: t.timestamp().index('btree'),
  },
);

export const ban = table(
  { name: 'ban' },
  {
    identity: t.identity().primaryKey(),
    reason: t.string(),
    bannedBy: t.identity(),
    bannedAt: t.timestamp().index('btree'),
  },
);

export const mute = table(
  { name: 'mute' },
  {
    identity: t.identity().primaryKey(),
    reason: t.string(),
    mutedBy: t.identity(),
    mutedAt: t.timestamp().index('btree'),
    until: t.timestamp(),
  },
);

/** Ends a mute when its period is over, so it leaves the member's and the admins' views. */
export const muteExpiry = table(
  { name: 'mute_expiry' },
  {
    scheduledId: t.u64().primaryKey().autoInc(),
    scheduledAt: t.scheduleAt(),
    identity: t.identity(),
  },
);

export const report = table(
  {
    name: 'report',
    indexes: [{ accessor: 'target', algorithm: 'btree', columns: ['targetKind', 'targetId'] }],
  },
  {
    id: t.u64().primaryKey().autoInc(),
    reporterId: t.identity().index('btree'),
    /** post, comment, account or sound. */
    targetKind: t.string(),
    /** The post, comment or sound id in decimal, or the account's identity in hex. */
    targetId: t.string(),
    reason: t.string(),
    createdAt: t.timestamp(),
    /** open, actioned or dismissed. */
    status: t.string().index('btree'),
    resolvedBy: t.option(t.identity()),
    resolvedAt: t.option(t.timestamp()),
    resolution: t.string(),
  },
);

export const auditLog = table(
  { name: 'audit_log' },
  {
    id: t.u64().primaryKey().autoInc(),
    actorId: t.identity(),
    action: t.string(),
    targetKind: t.string(),
    targetId: t.string(),
    /** Why, in the admin's words. */
    reason: t.string(),
    /** What the target was, for the record once it is gone (its author, the start of its text). */
    detail: t.string(),
    at: t.timestamp().index('btree'),
  },
);
