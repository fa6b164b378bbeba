// The Kith module: the source of truth for everything social and live.
// This first version knows who has connected; the social graph, posts and
// chat arrive with their issues.
import { schema, t, table } from 'spacetimedb/server';

const account = table(
  { name: 'account', public: true },
  {
    identity: t.identity().primaryKey(),
    firstSeen: t.timestamp(),
    lastSeen: t.timestamp(),
    online: t.bool(),
  },
);

const spacetimedb = schema({ account });
export default spacetimedb;

export const onConnect = spacetimedb.clientConnected((ctx) => {
  const existing = ctx.db.account.identity.find(ctx.sender);
  if (existing) {
    ctx.db.account.identity.update({ ...existing, lastSeen: ctx.timestamp, online: true });
  } else {
    ctx.db.account.insert({
      identity: ctx.sender,
      firstSeen: ctx.timestamp,
      lastSeen: ctx.timestamp,
      online: true,
    });
  }
});

export const onDisconnect = spacetimedb.clientDisconnected((ctx) => {
  const existing = ctx.db.account.identity.find(ctx.sender);
  if (existing) {
    ctx.db.account.identity.update({ ...existing, lastSeen: ctx.timestamp, online: false });
  }
});
