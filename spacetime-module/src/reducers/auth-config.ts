// configure_auth: the owner names the token issuer and audience Kith trusts.
import { SenderError, t } from 'spacetimedb/server';
import { MODULE_CONFIG_ID, moduleConfigOf, requireOwner } from '../auth/module-config';
import { audit } from '../domain/audit';
import { requireHttpUrl, requireLength } from '../domain/validation';
import spacetimedb from '../schema';

export const configureAuth = spacetimedb.reducer(
  { issuer: t.string(), audience: t.string() },
  (ctx, { issuer, audience }) => {
    requireOwner(ctx);
    requireHttpUrl(issuer, 'The issuer', 300);
    if (issuer.endsWith('/')) {
      throw new SenderError('The issuer must not end with "/": use the exact `iss` of the tokens.');
    }
    requireLength(audience, 'The audience', 1, 100);
    const config = moduleConfigOf(ctx.db);
    if (config.issuer === issuer && config.audience === audience) return;
    ctx.db.moduleConfig.id.update({ ...config, id: MODULE_CONFIG_ID, issuer, audience });
    audit(ctx, {
      action: 'configure_auth',
      targetKind: 'module',
      targetId: 'auth',
      reason: `issuer ${issuer}, audience ${audience}`,
    });
  },
);
