// Ends the page's session when the network ends it: the API no longer issues
// tokens for it (signed out elsewhere, password changed, account deleted),
// whether a reconnect or the background renewal of the token finds out, or
// the module stops serving the member's own account while the connection
// stays live, which is what a ban looks like from the inside.
import { createEffect, on, onCleanup } from 'solid-js';
import { useSpacetimeDB } from 'spacetimedb/solid';
import { ApiError } from '../api-client/api-error';
import { logOut } from '../api-client/auth-api';
import { fetchIdToken } from '../api-client/id-token-api';
import { sessionEnded } from '../auth/session-store';
import { useLive } from '../live/live-context';
import { isServing } from './connection-phase';
import { useIdTokens } from './id-token-context';

export const SESSION_ENDED_NOTICE = 'Your session has ended. Log in again to continue.';
export const ACCOUNT_SUSPENDED_NOTICE =
  'An admin has suspended your account, so you have been signed out. If you think this is a mistake, talk to the friend who runs this Kith.';

export function SessionWatch() {
  const connection = useSpacetimeDB();
  const { data, phase } = useLive();
  const tokens = useIdTokens();

  createEffect(() => {
    const error = connection.connectionError;
    if (!(error instanceof ApiError)) return;
    if (error.status === 401) sessionEnded(SESSION_ENDED_NOTICE);
    else if (error.status === 403) sessionEnded(error.message);
  });

  // The connection stays up while the session ends elsewhere: the renewal of
  // its token is the first to hear.
  onCleanup(
    tokens.onRenewalFailed((error) => {
      const notice = renewalRefusal(error);
      if (notice !== undefined) sessionEnded(notice);
    }),
  );

  createEffect(
    on(data.me, (current, previous) => {
      if (previous !== undefined && current === undefined && isServing(phase())) {
        void endSuspendedSession();
      }
    }),
  );
  return null;
}

/**
 * What the login page says when the API refused to renew the token because
 * the session is over (401) or the account banned (403 `account_banned`, with
 * the admin's reason); undefined for a failure that leaves the session (the
 * API out of reach, a server error), which the next reconnect tries again.
 */
export function renewalRefusal(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 401) return SESSION_ENDED_NOTICE;
  if (error.status === 403 && error.code === 'account_banned') return error.message;
  return undefined;
}

/**
 * Asks the API for a token once more: for a ban it answers `account_banned`
 * with the admin's reason and ends the sessions itself. Anything else (the
 * API has not heard yet, or cannot be reached) ends the session here with the
 * general notice.
 */
async function endSuspendedSession(): Promise<void> {
  try {
    await fetchIdToken();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'account_banned') {
      sessionEnded(error.message);
      return;
    }
  }
  // The module no longer serves the account: the page ends its session even
  // if the API cannot be reached to end it there too.
  await logOut().catch(() => undefined);
  sessionEnded(ACCOUNT_SUSPENDED_NOTICE);
}
