// What a page says when the server refuses one of its views, in Chromium
// against the real stack: a deploy publishes a module whose notifications
// view throws. The open page, whose connection the SDK then closes for good,
// asks for a reload instead of "Reconnecting…" for ever; the reloaded page
// says which part of Kith it could not load and why instead of
// "Connecting…" for ever, while the feed stays live; once the module is
// fixed, Retry subscribes again without a reload.
import { rm } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import { useBrowserStack } from './support/browser-stack.js';
import { eventually } from './support/eventually.js';
import { Member } from './support/member.js';
import { moduleVariant, publishModule } from './support/module-publisher.js';
import { createStory } from './support/story.js';

const NOTIFICATIONS_VIEW = '(ctx) => forMember(ctx, (me) => notificationsFor(ctx.db, me.identity))';

const kith = useBrowserStack();
let ana: Member;
/** The times the page was told the notifications view was refused (it logs each). */
let refusals = 0;

describe('a view the server refuses', { timeout: 90_000 }, () => {
  const step = createStory();

  step('a member is live with a post in the feed', async () => {
    ana = await Member.open(kith.browser, 'ana', kith.stack.webUrl);
    ana.page.on('console', (message) => {
      if (message.text().includes('refused the view myNotification')) refusals += 1;
    });
    await ana.signUp(kith.stack.adminInviteUrl, 'ana', 'Ana Lima');
    await ana.post('Written before the deploy', { visibility: 'Everyone on Kith' });
  });

  step(
    'asks the open page for a reload, then says which part could not be loaded and why',
    async () => {
      const broken = await moduleVariant({
        file: 'views/notification-views.ts',
        from: NOTIFICATIONS_VIEW,
        to: "() => { throw new Error('the notifications index is being rebuilt'); }",
      });
      await publishModule(kith.stack, broken);
      await rm(broken, { recursive: true, force: true });
      // The open page followed the view when it broke: the SDK closes such a
      // connection for good, and the page says a reload is needed.
      const closed = ana.page.locator('.connection[data-phase="closed"]');
      await closed.getByText('Kith’s server closed the connection').waitFor();
      await closed.getByRole('button', { name: 'Reload' }).click();
      // The reloaded page subscribes to the broken view afresh.
      const banner = ana.page.locator('.connection[data-phase="failed"]');
      await banner.waitFor();
      expect(await banner.textContent()).toContain(
        'Couldn’t load your notifications: Kith’s server ran into a problem preparing it.',
      );
      await banner.getByRole('button', { name: 'Retry' }).waitFor();
      // Everything else arrived and stays live.
      await ana.postCard('Written before the deploy').waitFor();
      await ana.post('Written while notifications are down', { visibility: 'Everyone on Kith' });
      await ana.postCard('Written while notifications are down').waitFor();
    },
  );

  step('Retry asks again, and says so again while the view is still broken', async () => {
    const before = refusals;
    expect(before).toBeGreaterThan(0);
    await ana.page.locator('.connection').getByRole('button', { name: 'Retry' }).click();
    await eventually(() => expect(refusals).toBe(before + 1));
    await ana.page
      .locator('.connection[data-phase="failed"]')
      .getByRole('button', { name: 'Retry' })
      .waitFor();
    await ana.postCard('Written while notifications are down').waitFor();
  });

  step('once the module is fixed, Retry brings the view back without a reload', async () => {
    const loads = ana.loads;
    await publishModule(kith.stack);
    await ana.page.locator('.connection').getByRole('button', { name: 'Retry' }).click();
    await ana.waitLive();
    await ana.postCard('Written before the deploy').waitFor();
    await ana.postCard('Written while notifications are down').waitFor();
    expect(ana.loads).toBe(loads);
    expect(ana.pageErrors).toEqual([]);
  });
});
