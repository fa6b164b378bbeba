// Accounts as the network sees them, created from the API's token claims.
import { t, table } from 'spacetimedb/server';

export const account = table(
  { name: 'account' },
  {
    identity: t.identity().primaryKey(),
    /** The API's user id (the token's `sub`). */
    userId: t.string().unique(),
    username: t.string().unique(),
    displayName: t.string(),
    bio: t.string(),
    pronouns: t.string(),
    links: t.array(t.string()),
    avatarMediaId: t.option(t.string()),
    bannerMediaId: t.option(t.string()),
    pinnedPostId: t.option(t.u64()),
    /** `admin` when the last token carried the admin role; grants by the owner are in `admin_grant`. */
    tokenRole: t.string(),
    /** Indexed so that views can read every account as one range. */
    joinedAt: t.timestamp().index('btree'),
  },
);

/** A person's own settings; nobody else sees them. */
export const accountSettings = table(
  { name: 'account_settings' },
  {
    identity: t.identity().primaryKey(),
    hidePresence: t.bool(),
  },
);

/**
 * A username its holder gave up by renaming, so that old links and `@mentions`
 * still lead to them. It goes when someone else takes the name or the account
 * is deleted.
 */
export const formerUsername = table(
  { name: 'former_username' },
  {
    username: t.string().primaryKey(),
    identity: t.identity().index('btree'),
    renamedAt: t.timestamp(),
  },
);

/**
 * A user the API deleted. Their ID tokens stay valid for a few minutes after
 * the deletion; one of them must not bring the account back.
 */
export const deletedUser = table(
  { name: 'deleted_user' },
  {
    userId: t.string().primaryKey(),
    deletedAt: t.timestamp(),
  },
);

/**
 * A rename the API made before the member's first connection here: the
 * account starts with it, not with the older name a token issued before the
 * rename still carries.
 */
export const pendingUsername = table(
  { name: 'pending_username' },
  {
    userId: t.string().primaryKey(),
    username: t.string(),
    renamedAt: t.timestamp(),
  },
);
