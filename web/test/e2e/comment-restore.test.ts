// Deleting a comment and bringing it back, in Chromium against the real
// stack: Bob deletes his comment on Ana's post and her open page loses it
// live; on his page it stays in its place, marked deleted, with Restore; he
// restores it and it comes back on her page live, without a reload.
import { describe, expect } from 'vitest';
import { useBrowserStack } from './support/browser-stack.js';
import { Member } from './support/member.js';
import { createStory } from './support/story.js';

const kith = useBrowserStack();
let ana: Member;
let bob: Member;
const POST = 'Ana asks who is coming on Saturday';
const COMMENT = 'Bob will bring the snacks';

const commentOn = (member: Member) => member.page.locator('.comment').filter({ hasText: COMMENT });

describe('a deleted comment', { timeout: 90_000 }, () => {
  const step = createStory();

  step('Ana and Bob are friends; Bob comments on her post, and both have it open', async () => {
    ana = await Member.open(kith.browser, 'ana', kith.stack.webUrl);
    await ana.signUp(kith.stack.adminInviteUrl, 'ana', 'Ana Lima');
    const inviteUrl = await ana.makeInviteLink();
    bob = await Member.open(kith.browser, 'bob', kith.stack.webUrl);
    await bob.signUp(inviteUrl, 'bob', 'Bob Stone');
    await bob.askFriendship('ana');
    await ana.acceptFriendRequestOf('Bob Stone');

    await ana.nav('Home');
    await ana.post(POST);
    await ana.postCard(POST).getByRole('link', { name: 'Comment' }).click();
    await ana.page.getByText('No comments yet. Be the first.').waitFor();
    await bob.page.goto(ana.page.url());
    await bob.waitLive();
    await bob.page.getByLabel('Write a comment').fill(COMMENT);
    await bob.page.getByRole('button', { name: 'Comment', exact: true }).click();
    await commentOn(bob).waitFor();
    await commentOn(ana).waitFor();
  });

  step(
    'Bob deletes it: Ana’s page loses it live, Bob’s keeps it in place with Restore',
    async () => {
      const anaLoads = ana.loads;
      await commentOn(bob).getByLabel('More actions for this comment').click();
      await commentOn(bob).getByRole('button', { name: 'Delete' }).click();
      const dialog = bob.page.getByRole('dialog', { name: 'Delete this comment?' });
      const words = await dialog.textContent();
      expect(words).toMatch(/you can restore it for \d+ days/);
      expect(words).not.toContain('cannot be undone');
      await dialog.getByRole('button', { name: 'Delete' }).click();

      const deleted = bob.page.locator('.deleted-comment').filter({ hasText: COMMENT });
      await deleted.getByText('Deleted', { exact: true }).waitFor();
      await commentOn(ana).waitFor({ state: 'detached' });
      expect(await ana.page.getByText(COMMENT).count()).toBe(0);
      await ana.page.getByText('No comments yet. Be the first.').waitFor();
      expect(ana.loads).toBe(anaLoads);
    },
  );

  step('Bob restores it, and it comes back on Ana’s page live', async () => {
    const anaLoads = ana.loads;
    const deleted = bob.page.locator('.deleted-comment').filter({ hasText: COMMENT });
    await deleted.getByRole('button', { name: 'Restore' }).click();
    await bob.waitForOrError(
      bob.page.locator('.comment:not(.deleted-comment)').filter({ hasText: COMMENT }),
    );
    expect(await bob.page.locator('.deleted-comment').count()).toBe(0);
    await commentOn(ana).getByRole('link', { name: 'Bob Stone' }).waitFor();
    expect(ana.loads).toBe(anaLoads);
    expect(ana.pageErrors).toEqual([]);
    expect(bob.pageErrors).toEqual([]);
  });
});
