// A connection ends: presence follows the connections left.
import { refreshPresence } from '../domain/presence';
import spacetimedb from '../schema';

export const clientDisconnected = spacetimedb.clientDisconnected((ctx) => {
  if (ctx.connectionId === null) return;
  const open = ctx.db.connection.connectionId.find(ctx.connectionId);
  if (open === null) return;
  ctx.db.connection.connectionId.delete(ctx.connectionId);
  refreshPresence(ctx.db, open.identity, ctx.timestamp);
});
