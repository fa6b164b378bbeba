// Creating and refreshing accounts from token claims.

import { DISPLAY_NAME_MAX_LENGTH } from '@kith/shared/limits';
import { isValidUsername, USERNAME_MAX_LENGTH } from '@kith/shared/names';
import { SenderError } from 'spacetimedb/server';
import type { TrustedClaims } from '../auth/token-claims';
import type { Account, ReducerContext } from '../context';

const USER_ID_MAX_LENGTH = 128;

/**
 * Creates the sender's account on first connection, or refreshes the role the
 * API put in the token. The username and display name come from the token
 * only once. Afterwards the display name is the member's to change, and the
 * username changes only through the API's rename_user: a token issued before
 * a rename (another tab, another device) still carries the old name, and
 * taking it from there would undo the rename. A rename made before the
 * first connection is waiting in `pending_username`. A user the API deleted
 * is refused, whatever token they still hold.
 */
export function upsertAccountFromClaims(ctx: ReducerContext, claims: TrustedClaims): Account {
  if (ctx.db.deletedUser.userId.find(claims.subject) !== null) {
    throw new SenderError('This account was deleted.');
  }
  const claimed = claims.username ?? '';
  if (!isValidUsername(claimed)) {
    throw new SenderError(
      `The token's preferred_username "${claimed}" is not a Kith username (3–${USERNAME_MAX_LENGTH} of a-z, 0-9, _).`,
    );
  }
  if (claims.subject.length === 0 || claims.subject.length > USER_ID_MAX_LENGTH) {
    throw new SenderError('The token has no usable subject (the API user id).');
  }
  const tokenRole = claims.roles.includes('admin') ? 'admin' : 'member';
  const existing = ctx.db.account.identity.find(ctx.sender);
  if (existing !== null) {
    if (tokenRole === existing.tokenRole) return existing;
    return ctx.db.account.identity.update({ ...existing, tokenRole });
  }
  if (ctx.db.account.userId.find(claims.subject) !== null) {
    throw new SenderError(
      'This user id already belongs to another identity here (was the token issuer changed?).',
    );
  }
  const pending = ctx.db.pendingUsername.userId.find(claims.subject);
  const username = pending?.username ?? claimed;
  if (ctx.db.account.username.find(username) !== null) {
    throw new SenderError(
      `The username "${username}" is still held by another account; try again in a moment.`,
    );
  }
  const created = ctx.db.account.insert({
    identity: ctx.sender,
    userId: claims.subject,
    username,
    displayName: initialDisplayName(claims.displayName, claimed),
    bio: '',
    pronouns: '',
    links: [],
    avatarMediaId: undefined,
    bannerMediaId: undefined,
    pinnedPostId: undefined,
    tokenRole,
    joinedAt: ctx.timestamp,
  });
  ctx.db.accountSettings.insert({ identity: ctx.sender, hidePresence: false });
  // The name now leads to its new holder, not to whoever gave it up.
  ctx.db.formerUsername.username.delete(username);
  ctx.db.pendingUsername.userId.delete(claims.subject);
  return created;
}

function initialDisplayName(name: string | undefined, username: string): string {
  const trimmed = (name ?? '').trim();
  if (trimmed.length === 0) return username;
  return trimmed.slice(0, DISPLAY_NAME_MAX_LENGTH);
}
