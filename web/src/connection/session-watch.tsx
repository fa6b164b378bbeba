// Ends the page's session when the network ends it: the API no longer issues
// tokens for it (signed out elsewhere, password changed, account deleted),
// or the module stops serving the member's own account while the connection
// stays live, which is what a ban looks like from the inside.
import { createEffect, on } from 'solid-js';
import { useSpacetimeDB } from 'spacetimedb/solid';
import { ApiError } from '../api-client/api-error';
import { fetchIdToken } from '../api-client/id-token-api';
import { sessionEnded, signOut } from '../auth/session-store';
import { useLive } from '../live/live-context';
import { isServing } from './connection-phase';

export const SESSION_ENDED_NOTICE = 'Your session has ended. Log in again to continue.';
export const ACCOUNT_SUSPENDED_NOTICE =
  'An admin has suspended your account, so you have been signed out. If you think this is a mistake, talk to the friend who runs this Kith.';

export function SessionWatch() {
  const connection = useSpacetimeDB();
  const { data, phase } = useLive();

  createEffect(() => {
    const error = connection.connectionError;
    if (!(error instanceof ApiError)) return;
    if (error.status === 401) sessionEnded(SESSION_ENDED_NOTICE);
    else if (error.status === 403) sessionEnded(error.message);
  });

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
  await signOut(ACCOUNT_SUSPENDED_NOTICE);
}
