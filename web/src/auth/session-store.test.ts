import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, networkError } from '../api-client/api-error';
import type { SignedIn } from '../api-client/auth-api';

const logOut = vi.fn<() => Promise<void>>();
vi.mock('../api-client/auth-api', () => ({
  logOut: () => logOut(),
  currentSession: () => Promise.resolve(null),
}));

const store = await import('./session-store');

const ana = { user: { username: 'ana' }, session: { id: 's1' } } as unknown as SignedIn;

/** Another tab of the same browser. */
const otherTab = new BroadcastChannel(store.SESSION_CHANNEL);
afterAll(() => otherTab.close());

/** What this tab told the others. */
const post = vi.spyOn(BroadcastChannel.prototype, 'postMessage');
const told = () =>
  post.mock.contexts.flatMap((channel, i) =>
    channel === otherTab ? [] : [post.mock.calls[i]?.[0]],
  );

describe('logging out', () => {
  beforeEach(() => {
    logOut.mockReset();
    post.mockClear();
    store.signedIn(ana);
  });

  it('says it worked once the API has ended the session, and tells the other tabs', async () => {
    logOut.mockResolvedValue(undefined);
    await store.signOut('You have logged out.');
    expect(store.session()).toBeNull();
    expect(store.signOutNotice()).toBe('You have logged out.');
    expect(store.logOutProblem()).toBeUndefined();
    expect(told()).toEqual([{ type: 'logged-out' }]);
  });

  it('takes a 401 for a session that had ended already', async () => {
    logOut.mockRejectedValue(new ApiError('unauthorized', 'Log in first.', 401));
    await store.signOut('You have logged out.');
    expect(store.signOutNotice()).toBe('You have logged out.');
    expect(store.logOutProblem()).toBeUndefined();
    expect(told()).toEqual([{ type: 'logged-out' }]);
  });

  it('does not pretend when the API was not reached, and can try again', async () => {
    logOut.mockRejectedValue(networkError(new TypeError('Failed to fetch')));
    await store.signOut('You have logged out.');
    expect(store.signOutNotice()).toBeUndefined();
    expect(store.logOutProblem()).toMatch(/^Logging out did not reach Kith/);
    expect(store.logOutProblem()).toMatch(/still logged in on this browser/);

    await expect(store.retryLogOut()).rejects.toBeInstanceOf(ApiError);
    expect(store.logOutProblem()).toMatch(/^Logging out did not reach Kith/);
    expect(told()).toEqual([]);

    logOut.mockResolvedValue(undefined);
    await store.retryLogOut();
    expect(store.logOutProblem()).toBeUndefined();
    expect(store.signOutNotice()).toBe('You have logged out.');
    expect(told()).toEqual([{ type: 'logged-out' }]);
  });

  it('says so when the API failed to log out', async () => {
    logOut.mockRejectedValue(new ApiError('internal_error', 'Kith had a problem.', 500));
    await store.signOut('You have logged out.');
    expect(store.signOutNotice()).toBeUndefined();
    expect(store.logOutProblem()).toMatch(/^Kith could not log you out: Kith had a problem\./);
  });

  it('ends this tab’s session when the person logs out in another tab', async () => {
    otherTab.postMessage({ type: 'logged-out' });
    // Messages arrive on a later turn of the event loop.
    while (store.session() !== null) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.session()).toBeNull();
    expect(store.signOutNotice()).toBe(store.LOGGED_OUT_ELSEWHERE_NOTICE);
  });
});
