// What a dropped connection and a log out do to an open page, in Chromium
// against the real stack. A reconnect keeps the page as it was (the feed, the
// post, a comment being written) until the new connection's data arrives;
// logging out in one tab ends the others; logging out while Kith cannot be
// reached says so, and trying again once it can logs out for real.
import { describe, expect } from 'vitest';
import { useBrowserStack } from './support/browser-stack.js';
import { Member } from './support/member.js';
import { createStory } from './support/story.js';

const kith = useBrowserStack();
let ana: Member;
/** Ana's other browser (its own session), which writes while the first is offline. */
let elsewhere: Member;
let postUrl = '';

/**
 * Watches the page from now on: whether the feed's empty state or a
 * "Loading…" appeared at any moment, and whether `draftSelector`'s element
 * was ever taken out of the page.
 */
async function watchPage(member: Member, draftSelector?: string): Promise<void> {
  await member.page.evaluate((selector) => {
    const seen = { empty: false, loading: false, draft: null as Element | null };
    seen.draft = selector === undefined ? null : document.querySelector(selector);
    const look = () => {
      if (document.querySelector('.empty-state') !== null) seen.empty = true;
      for (const status of document.querySelectorAll('[role="status"]')) {
        if (status.textContent?.includes('Loading…')) seen.loading = true;
      }
    };
    new MutationObserver(look).observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    (window as unknown as { __kithSeen: typeof seen }).__kithSeen = seen;
  }, draftSelector);
}

async function seen(member: Member) {
  return member.page.evaluate(() => {
    const watched = (
      window as unknown as {
        __kithSeen: { empty: boolean; loading: boolean; draft: Element | null };
      }
    ).__kithSeen;
    return {
      empty: watched.empty,
      loading: watched.loading,
      draftKept: watched.draft === null || document.contains(watched.draft),
    };
  });
}

async function dropAndComeBack(member: Member, whileAway: () => Promise<void>): Promise<void> {
  await member.goOffline();
  await member.page.getByText('Connection lost. Reconnecting…').waitFor();
  await whileAway();
  await member.goOnline();
  await member.waitLive();
}

describe('an open page when its connection or session ends', { timeout: 90_000 }, () => {
  const step = createStory();

  step('a member is live with a post, and signed in in another browser too', async () => {
    ana = await Member.open(kith.browser, 'ana', kith.stack.webUrl);
    await ana.signUp(kith.stack.adminInviteUrl, 'ana', 'Ana Lima');
    await ana.post('A post to come back to', { visibility: 'Everyone on Kith' });
    postUrl =
      (await ana
        .postCard('A post to come back to')
        .getByRole('link', { name: /just now|min ago/ })
        .getAttribute('href')) ?? '';
    expect(postUrl).not.toBe('');
    elsewhere = await Member.open(kith.browser, 'ana elsewhere', kith.stack.webUrl);
    await elsewhere.logIn('ana');
    await elsewhere.waitLive();
  });

  step('a reconnect keeps the feed on the screen until the new posts arrive', async () => {
    await ana.page.getByRole('form', { name: 'New post' }).getByLabel('Write a post').waitFor();
    await ana.postCard('A post to come back to').waitFor();
    await watchPage(ana);
    await dropAndComeBack(ana, () =>
      elsewhere.post('Written while the first tab was offline', { visibility: 'Everyone on Kith' }),
    );
    // Her own post is shown at once: the new connection's data has arrived.
    await ana.postCard('Written while the first tab was offline').waitFor();
    await ana.postCard('A post to come back to').waitFor();
    expect(await seen(ana)).toEqual({ empty: false, loading: false, draftKept: true });
  });

  step('a reconnect keeps the post and the comment being written', async () => {
    await ana.page.goto(postUrl);
    await ana.waitLive();
    const draft = ana.page.getByLabel('Write a comment');
    await draft.fill('A comment I am still writing');
    await watchPage(ana, 'form.comment-form textarea');
    await elsewhere.page.goto(postUrl);
    await elsewhere.waitLive();
    await dropAndComeBack(ana, async () => {
      await elsewhere.page.getByLabel('Write a comment').fill('Said while the first tab was away');
      await elsewhere.page.getByRole('button', { name: 'Comment', exact: true }).click();
      await elsewhere.page
        .locator('.comment')
        .filter({ hasText: 'Said while the first tab was away' })
        .waitFor();
    });
    // The new connection's data has arrived once the comment written meanwhile shows.
    await ana.page
      .locator('.comment')
      .filter({ hasText: 'Said while the first tab was away' })
      .waitFor();
    expect(await draft.inputValue()).toBe('A comment I am still writing');
    expect(await seen(ana)).toEqual({ empty: false, loading: false, draftKept: true });
  });

  step('logging out in one tab ends the session in the other tabs of the browser', async () => {
    const otherTab = await ana.context.newPage();
    await otherTab.goto('/');
    await otherTab.locator('.connection[data-phase="live"]').waitFor();
    await ana.nav('Settings');
    await ana.page
      .getByRole('region', { name: 'Account' })
      .getByRole('button', { name: 'Log out' })
      .click();
    await ana.page.getByText('You have logged out.').waitFor();
    await otherTab.getByRole('heading', { name: 'Log in to Kith' }).waitFor();
    await otherTab.getByText('You logged out in another tab.').waitFor();
    await otherTab.close();
  });

  step('logging out while Kith cannot be reached says so, and trying again works', async () => {
    await ana.logIn('ana');
    await ana.waitLive();
    await ana.nav('Settings');
    await ana.context.setOffline(true);
    await ana.page
      .getByRole('region', { name: 'Account' })
      .getByRole('button', { name: 'Log out' })
      .click();
    await ana.page.getByText(/^Logging out did not reach Kith/).waitFor();
    expect(await ana.page.getByText('You have logged out.').count()).toBe(0);
    await ana.context.setOffline(false);
    // The session is still open at the API until the log out reaches it.
    expect((await ana.page.request.get('/v1/auth/session')).status()).toBe(200);
    await ana.page.getByRole('button', { name: 'Try logging out again' }).click();
    await ana.page.getByText('You have logged out.').waitFor();
    expect(await ana.page.getByText(/^Logging out did not reach Kith/).count()).toBe(0);
    expect((await ana.page.request.get('/v1/auth/session')).status()).toBe(401);
    expect(ana.pageErrors).toEqual([]);
  });
});
