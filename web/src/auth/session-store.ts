// Who is signed in, for the whole page: loaded once from the API, set by
// signing up or logging in, cleared by logging out or when the API or the
// module says the session is over (with a notice for the login page).
import { createSignal } from 'solid-js';
import { currentSession, logOut, type SignedIn } from '../api-client/auth-api';

/** undefined while loading; null when nobody is signed in. */
const [session, setSession] = createSignal<SignedIn | null | undefined>(undefined);
const [notice, setNotice] = createSignal<string | undefined>(undefined);

export { session };

/** What the login page says about how the last session ended, if it ended on its own. */
export const signOutNotice = notice;

export async function loadSession(): Promise<void> {
  setSession(await currentSession());
}

export function signedIn(value: SignedIn): void {
  setNotice(undefined);
  setSession(value);
}

/**
 * Ends the session at the API (best effort: it may be gone already) and on
 * this page. `reason` is shown on the login page.
 */
export async function signOut(reason?: string): Promise<void> {
  try {
    await logOut();
  } catch {
    // Already ended (401) or unreachable: either way this page forgets it.
  }
  setNotice(reason);
  setSession(null);
}

/** The session is gone without us logging out (deleted account, expired session). */
export function sessionEnded(reason: string): void {
  setNotice(reason);
  setSession(null);
}
