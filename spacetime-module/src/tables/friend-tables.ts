// The social graph: requests, friendships (one row each way) and blocks.
import { t, table } from 'spacetimedb/server';

export const friendRequest = table(
  {
    name: 'friend_request',
    indexes: [{ accessor: 'pair', algorithm: 'btree', columns: ['senderId', 'recipientId'] }],
  },
  {
    id: t.u64().primaryKey().autoInc(),
    senderId: t.identity().index('btree'),
    recipientId: t.identity().index('btree'),
    createdAt: t.timestamp(),
  },
);

/** Two rows per friendship, one owned by each friend, so "my friends" is one index read. */
export const friendship = table(
  {
    name: 'friendship',
    indexes: [{ accessor: 'pair', algorithm: 'btree', columns: ['ownerId', 'friendId'] }],
  },
  {
    id: t.u64().primaryKey().autoInc(),
    ownerId: t.identity().index('btree'),
    friendId: t.identity().index('btree'),
    since: t.timestamp(),
  },
);

export const block = table(
  {
    name: 'block',
    indexes: [{ accessor: 'pair', algorithm: 'btree', columns: ['blockerId', 'blockedId'] }],
  },
  {
    id: t.u64().primaryKey().autoInc(),
    blockerId: t.identity().index('btree'),
    blockedId: t.identity().index('btree'),
    createdAt: t.timestamp(),
  },
);
