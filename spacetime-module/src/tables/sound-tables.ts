// Ampersounds: registered audio a member named, waiting for or past approval.
import { t, table } from 'spacetimedb/server';

export const sound = table(
  {
    name: 'sound',
    indexes: [{ accessor: 'ownerName', algorithm: 'btree', columns: ['ownerId', 'name'] }],
  },
  {
    id: t.u64().primaryKey().autoInc(),
    ownerId: t.identity().index('btree'),
    name: t.string(),
    mediaId: t.string().unique(),
    /** pending, approved or rejected; only approved sounds resolve for others. */
    status: t.string().index('btree'),
    createdAt: t.timestamp(),
    reviewedBy: t.option(t.identity()),
    reviewedAt: t.option(t.timestamp()),
    reviewNote: t.string(),
  },
);
