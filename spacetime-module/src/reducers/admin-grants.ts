// The database owner names and removes admins (also with `spacetime call`).
import { SenderError, t } from 'spacetimedb/server';
import { requireAccountNamed } from '../auth/member';
import { requireOwner } from '../auth/module-config';
import { audit } from '../domain/audit';
import spacetimedb from '../schema';

export const grantAdmin = spacetimedb.reducer({ username: t.string() }, (ctx, { username }) => {
  requireOwner(ctx);
  const target = requireAccountNamed(ctx.db, username);
  if (ctx.db.adminGrant.identity.find(target.identity) !== null) {
    throw new SenderError(`${username} is already an admin.`);
  }
  ctx.db.adminGrant.insert({
    identity: target.identity,
    grantedBy: ctx.sender,
    grantedAt: ctx.timestamp,
  });
  audit(ctx, { action: 'grant_admin', targetKind: 'account', targetId: username, reason: '' });
});

export const revokeAdmin = spacetimedb.reducer({ username: t.string() }, (ctx, { username }) => {
  requireOwner(ctx);
  const target = requireAccountNamed(ctx.db, username);
  if (!ctx.db.adminGrant.identity.delete(target.identity)) {
    throw new SenderError(
      `${username} has no admin grant here (an admin role in the token is the API's to remove).`,
    );
  }
  audit(ctx, { action: 'revoke_admin', targetKind: 'account', targetId: username, reason: '' });
});
