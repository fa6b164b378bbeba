// Accounts: your own, your settings, every member not in a block with you,
// and the names those members went by before a rename.
import { t } from 'spacetimedb/server';
import { blockedKeysOf } from '../domain/graph';
import { identityKey } from '../domain/identities';
import { VisibleContent } from '../domain/visibility';
import spacetimedb from '../schema';
import { account, accountSettings, formerUsername } from '../tables/account-tables';
import { forMember } from './viewer';

export const myAccount = spacetimedb.view(
  { name: 'my_account', public: true },
  t.array(account.rowType),
  (ctx) => forMember(ctx, (me) => [me]),
);

export const mySettings = spacetimedb.view(
  { name: 'my_settings', public: true },
  t.array(accountSettings.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const settings = ctx.db.accountSettings.identity.find(me.identity);
      return settings === null ? [] : [settings];
    }),
);

export const visibleAccount = spacetimedb.view(
  { name: 'visible_account', public: true },
  t.array(account.rowType),
  (ctx) => forMember(ctx, (me) => new VisibleContent(ctx.db, me.identity).accounts()),
);

/** Names the accounts you see gave up by renaming, so old links find them. */
export const visibleFormerUsername = spacetimedb.view(
  { name: 'visible_former_username', public: true },
  t.array(formerUsername.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      // Read the few former names, not every account: an account's change
      // (a new bio) then does not rerun this view for every member.
      const blocked = blockedKeysOf(ctx.db, me.identity);
      return [...ctx.db.formerUsername.iter()].filter(
        (row) => !blocked.has(identityKey(row.identity)),
      );
    }),
);
