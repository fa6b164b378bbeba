// Who is signed in, for the whole page: loaded once from the API, set by
// signing up or logging in, cleared by logging out or when the API or the
// module says the session is over (with a notice for the login page).
//
// Logging out is only said to have worked once the API has ended the session
// (or answered that it was over already). When the API cannot be reached the
// page still stops showing the account, but the login page says the session
// is still open in this browser and offers to try again. Every other tab of
// this browser is told when the person logs out, and ends its session too.
import { createSignal } from 'solid-js';
import { ApiError } from '../api-client/api-error';
import { currentSession, logOut, type SignedIn } from '../api-client/auth-api';

/** undefined while loading; null when nobody is signed in. */
const [session, setSession] = createSignal<SignedIn | null | undefined>(undefined);
const [notice, setNotice] = createSignal<string | undefined>(undefined);
const [problem, setProblem] = createSignal<
  { readonly message: string; readonly reason: string } | undefined
>(undefined);

export { session };

/** What the login page says about how the last session ended, if it ended on its own. */
export const signOutNotice = notice;

/** Why the last log out did not go through (the session is still open), until it does. */
export const logOutProblem = () => problem()?.message;

export const LOGGED_OUT_ELSEWHERE_NOTICE = 'You logged out in another tab.';

/** The name of the channel the tabs of this browser share; exported for tests. */
export const SESSION_CHANNEL = 'kith-session';

interface LoggedOutMessage {
  readonly type: 'logged-out';
}

const otherTabs =
  typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(SESSION_CHANNEL);
otherTabs?.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data as Partial<LoggedOutMessage> | null;
  if (message?.type === 'logged-out' && session()) sessionEnded(LOGGED_OUT_ELSEWHERE_NOTICE);
});
// Node (the unit tests) would otherwise stay up for the channel's sake.
(otherTabs as { unref?: () => void } | undefined)?.unref?.();

export async function loadSession(): Promise<void> {
  setSession(await currentSession());
}

export function signedIn(value: SignedIn): void {
  setNotice(undefined);
  setProblem(undefined);
  setSession(value);
}

/**
 * Logs out at the API and on this page, and tells the other tabs. `reason`
 * is shown on the login page once the API has ended the session; a 401 means
 * it had ended already. If the API could not be reached or failed, the login
 * page says so and offers to try again (logOutProblem, retryLogOut).
 */
export async function signOut(reason: string): Promise<void> {
  try {
    await endAtApi();
    setProblem(undefined);
    setNotice(reason);
  } catch (error) {
    setNotice(undefined);
    setProblem({ message: problemMessage(error), reason });
  }
  setSession(null);
}

/** Tries the failed log out again; throws (for the page to show) if it fails again. */
export async function retryLogOut(): Promise<void> {
  const failed = problem();
  if (failed === undefined) return;
  await endAtApi();
  setProblem(undefined);
  setNotice(failed.reason);
}

/** The session is gone without us logging out (deleted account, expired session). */
export function sessionEnded(reason: string): void {
  setNotice(reason);
  setSession(null);
}

/** Ends the session at the API (a 401: it was over already), then tells the other tabs. */
async function endAtApi(): Promise<void> {
  try {
    await logOut();
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  otherTabs?.postMessage({ type: 'logged-out' } satisfies LoggedOutMessage);
}

function problemMessage(error: unknown): string {
  const still =
    'Until it does, you are still logged in on this browser: reloading the page opens your account again.';
  if (error instanceof ApiError && error.status !== 0) {
    return `Kith could not log you out: ${error.message} ${still}`;
  }
  return `Logging out did not reach Kith: check your connection and try again. ${still}`;
}
