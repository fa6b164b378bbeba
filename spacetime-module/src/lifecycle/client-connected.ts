// Who may connect: the owner always; once configure_auth ran, tokens of the
// configured issuer and audience: the API's service identity, and members
// who are not banned (their account is created or refreshed here).
import { SenderError } from 'spacetimedb/server';
import { isOwner } from '../auth/module-config';
import { SERVICE_ROLE } from '../auth/service';
import { trustedClaims } from '../auth/token-claims';
import { upsertAccountFromClaims } from '../domain/accounts';
import { refreshPresence } from '../domain/presence';
import spacetimedb from '../schema';

export const clientConnected = spacetimedb.clientConnected((ctx) => {
  if (isOwner(ctx.db, ctx.sender)) return;
  const claims = trustedClaims(ctx);
  if (claims.roles.includes(SERVICE_ROLE)) {
    const session = {
      identity: ctx.sender,
      subject: claims.subject,
      lastConnectedAt: ctx.timestamp,
    };
    if (ctx.db.serviceSession.identity.find(ctx.sender) === null) {
      ctx.db.serviceSession.insert(session);
    } else {
      ctx.db.serviceSession.identity.update(session);
    }
    return;
  }
  const banned = ctx.db.ban.identity.find(ctx.sender);
  if (banned !== null) throw new SenderError(`This account is banned: ${banned.reason}`);
  upsertAccountFromClaims(ctx, claims);
  if (ctx.connectionId !== null) {
    ctx.db.connection.insert({
      connectionId: ctx.connectionId,
      identity: ctx.sender,
      connectedAt: ctx.timestamp,
      idle: false,
    });
  }
  refreshPresence(ctx.db, ctx.sender, ctx.timestamp);
});
