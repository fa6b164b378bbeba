// The home feed's "N new posts" pill, in Chromium against the real stack.
// When a friendship starts, the new friend's earlier friends-only posts
// arrive all at once: they are not new, so they go straight into their place
// by date instead of being counted behind the pill. A post written after is
// new: it waits behind the pill, and choosing the pill with the keyboard
// leaves focus on that post rather than on the page.
import { describe, expect } from 'vitest';
import { useBrowserStack } from './support/browser-stack.js';
import { eventually } from './support/eventually.js';
import { expectFocusOn } from './support/keyboard.js';
import { Member } from './support/member.js';
import { createStory } from './support/story.js';

const kith = useBrowserStack();
let ana: Member;
let bob: Member;

/** The texts of the posts in the feed, top to bottom. */
async function feedTexts(member: Member): Promise<string[]> {
  return member.page
    .locator('.post-list article.post')
    .evaluateAll((cards) =>
      cards.map((card) => card.querySelector('.post-text')?.textContent?.trim() ?? ''),
    );
}

describe('the new posts pill', { timeout: 90_000 }, () => {
  const step = createStory();

  step('Ana has written friends-only posts before Bob joins and writes his own', async () => {
    ana = await Member.open(kith.browser, 'ana', kith.stack.webUrl);
    await ana.signUp(kith.stack.adminInviteUrl, 'ana', 'Ana Lima');
    await ana.post('Ana wrote this first, for friends');
    await ana.post('Ana wrote this second, for friends');
    const inviteUrl = await ana.makeInviteLink();
    bob = await Member.open(kith.browser, 'bob', kith.stack.webUrl);
    await bob.signUp(inviteUrl, 'bob', 'Bob Stone');
    await bob.post('Bob says hello');
    await bob.askFriendship('ana');
    await bob.nav('Home');
    await bob.postCard('Bob says hello').waitFor();
  });

  step("puts the new friend's earlier posts in their place, not behind the pill", async () => {
    await ana.acceptFriendRequestOf('Bob Stone');
    await bob.postCard('Ana wrote this first, for friends').waitFor();
    await bob.postCard('Ana wrote this second, for friends').waitFor();
    expect(await bob.newPostsPill().count()).toBe(0);
    await eventually(async () =>
      expect(await feedTexts(bob)).toEqual([
        expect.stringContaining('Bob says hello'),
        expect.stringContaining('Ana wrote this second'),
        expect.stringContaining('Ana wrote this first'),
      ]),
    );
  });

  step('holds a post written after behind the pill, and focuses it when shown', async () => {
    await ana.nav('Home');
    await ana.post('Ana has news, just now');
    await bob.newPostsPill().waitFor();
    expect(await bob.newPostsPill().textContent()).toContain('1 new post');
    expect(await bob.postCard('Ana has news, just now').count()).toBe(0);

    await bob.newPostsPill().focus();
    await bob.page.keyboard.press('Enter');
    const news = bob.postCard('Ana has news, just now');
    await news.waitFor();
    await expectFocusOn(bob.page, news, 'showing the new post');
    expect((await feedTexts(bob))[0]).toContain('Ana has news, just now');
    expect(bob.pageErrors).toEqual([]);
    expect(ana.pageErrors).toEqual([]);
  });

  step("puts a new friend's posts in place for someone whose feed was empty", async () => {
    const inviteUrl = await ana.makeInviteLink();
    const cat = await Member.open(kith.browser, 'cat', kith.stack.webUrl);
    await cat.signUp(inviteUrl, 'cat', 'Cat Moreau');
    await cat.askFriendship('ana');
    await cat.nav('Home');
    await ana.acceptFriendRequestOf('Cat Moreau');
    await cat.postCard('Ana wrote this first, for friends').waitFor();
    expect(await cat.newPostsPill().count()).toBe(0);
    expect(cat.pageErrors).toEqual([]);
    await cat.close();
  });

  step('opens an address cut short in the middle of an escape without crashing', async () => {
    await bob.page.goto('/tag/100%');
    await bob.waitLive();
    await bob.page.getByRole('heading', { level: 1, name: '#100%' }).waitFor();
    await bob.page.goto('/u/caf%C3');
    await bob.waitLive();
    await bob.page.getByRole('heading', { name: 'No such member' }).waitFor();
    expect(await bob.page.getByRole('heading', { name: 'Something went wrong' }).count()).toBe(0);
    expect(bob.pageErrors).toEqual([]);
  });
});
