// Kith's accessibility, checked in Chromium against the real stack: axe-core's
// WCAG 2 A/AA rules on every main screen in both colour schemes at phone and
// desktop widths, then a keyboard-only pass through the things people do
// most (sign in, post with a photo, react, comment and reply, report,
// notifications) with visible focus asserted at every stop.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { auditPage, describeFindings, type Finding } from './support/axe-audit.js';
import { useBrowserStack } from './support/browser-stack.js';
import { expectVisibleFocus } from './support/focus-ring.js';
import { expectFocusOn, tabTo } from './support/keyboard.js';
import { makePng } from './support/make-png.js';
import { DESKTOP, Member, PASSWORD, PHONE, type Viewport } from './support/member.js';
import { createStory } from './support/story.js';

type Scheme = 'light' | 'dark';

/** Each colour scheme at each width; the layout changes below 760px. */
const LOOKS: ReadonlyArray<readonly [Scheme, string, Viewport]> = [
  ['light', 'desktop', DESKTOP],
  ['dark', 'desktop', DESKTOP],
  ['light', 'phone', PHONE],
  ['dark', 'phone', PHONE],
];

interface AuditedScreen {
  readonly name: string;
  /** Opens the screen and waits for what must be on it. */
  readonly open: (member: Member) => Promise<void>;
}

const kith = useBrowserStack();
let visitor: Member; // not signed in
let ana: Member; // the first admin
let bob: Member; // Ana's friend, who later uses only the keyboard
let anaPostUrl = '';

/** Opens `path` and waits until the app is live. */
function signedInScreen(name: string, path: string, ready: (page: Page) => Promise<unknown>) {
  return {
    name,
    async open(member: Member) {
      await member.page.goto(path);
      await member.waitLive();
      await ready(member.page);
    },
  };
}

/** Audits each screen in each look; returns every violation. */
async function auditScreens(member: Member, screens: readonly AuditedScreen[]) {
  const found: Finding[] = [];
  for (const [scheme, width, viewport] of LOOKS) {
    // Reduced motion: the audit must see settled colours, not a fade-in halfway.
    await member.page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await member.page.setViewportSize(viewport);
    for (const screen of screens) {
      await screen.open(member);
      found.push(...(await auditPage(member.page, screen.name, `${scheme} ${width}`)));
    }
  }
  await member.page.setViewportSize(DESKTOP);
  await member.page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/** Fails listing every violation, so one run tells a person all there is to fix. */
function expectNoViolations(found: readonly Finding[]): void {
  if (found.length === 0) return;
  const described = describeFindings(found);
  throw new Error(
    `${found.length} accessibility violations (${described.length} distinct):\n\n${described.join('\n\n')}`,
  );
}

describe('Kith for everyone', { timeout: 120_000 }, () => {
  const step = createStory();

  step('the screens before signing in pass axe in both schemes at both widths', async () => {
    visitor = await Member.open(kith.browser, 'visitor', kith.stack.webUrl);
    const invitePath =
      new URL(kith.stack.adminInviteUrl).pathname + new URL(kith.stack.adminInviteUrl).search;
    const open = (path: string, heading: RegExp) => async (member: Member) => {
      await member.page.goto(path);
      await member.page.getByRole('heading', { name: heading }).first().waitFor();
    };
    expectNoViolations(
      await auditScreens(visitor, [
        { name: 'log in', open: open('/login', /Log in to Kith/) },
        { name: 'sign up', open: open(invitePath, /Join Kith/) },
        { name: 'forgot password', open: open('/forgot-password', /Reset your password/) },
      ]),
    );
  });

  step('an empty home feed passes axe', async () => {
    ana = await Member.open(kith.browser, 'ana', kith.stack.webUrl);
    await ana.signUp(kith.stack.adminInviteUrl, 'ana', 'Ana Lima');
    expectNoViolations(
      await auditScreens(ana, [
        signedInScreen('empty home feed', '/', (page) =>
          page.getByRole('heading', { name: 'Your feed is quiet for now' }).waitFor(),
        ),
      ]),
    );
  });

  step('(setup) a friend, posts with a photo, comments, reactions, notifications', async () => {
    await ana.nav('Admin');
    const invites = ana.page.locator('#invites');
    await invites.getByLabel('People who can use it').fill('5');
    await invites.getByRole('button', { name: 'Make invite link' }).click();
    const inviteUrl = await invites.getByLabel('Invite link').inputValue();
    bob = await Member.open(kith.browser, 'bob', kith.stack.webUrl);
    await bob.signUp(inviteUrl, 'bob', 'Bob Stone');

    await bob.nav('Friends');
    const find = bob.page.getByRole('region', { name: 'Find people on Kith' });
    await find.getByLabel('Search by name or @username').fill('ana');
    await find.locator('[data-username="ana"]').getByRole('button', { name: 'Add friend' }).click();
    await ana.nav('Friends');
    await ana.page
      .getByRole('region', { name: 'Friend requests' })
      .getByRole('button', { name: "Accept Bob Stone's friend request" })
      .click();
    await ana.page
      .getByRole('region', { name: /Your friends \(1\)/ })
      .locator('[data-username="bob"]')
      .waitFor();

    await ana.nav('Home');
    await ana.post('Picnic by the river #summer', { photos: [makePng(320, 200)] });
    anaPostUrl =
      (await ana
        .postCard('Picnic by the river')
        .getByRole('link', { name: /just now|min ago/ })
        .getAttribute('href')) ?? '';
    expect(anaPostUrl).toMatch(/^\/post\/\d+$/);

    // Bob comments and reacts, so Ana has a thread and notifications to look at.
    await bob.page.goto(anaPostUrl);
    await bob.waitLive();
    await bob.page.getByLabel('Write a comment').fill('Looks lovely, save me a sandwich');
    await bob.page.getByRole('button', { name: 'Comment', exact: true }).click();
    await bob.page.getByText('Looks lovely, save me a sandwich').waitFor();
    await bob.nav('Home');
    await bob.post('My balcony tomatoes are finally red');

    // Ana answers on Bob's post, so Bob has unread notifications for the keyboard pass.
    await ana.page.goto(anaPostUrl);
    await ana.waitLive();
    await ana.page
      .locator('.comment')
      .filter({ hasText: 'save me a sandwich' })
      .getByRole('button', { name: 'Reply' })
      .click();
    await ana.page.getByLabel('Reply to Bob Stone').fill('Of course, bring the lemonade');
    await ana.page.getByRole('button', { name: 'Reply', exact: true }).last().click();
    await ana.page.getByText('Of course, bring the lemonade').waitFor();
    await ana.nav('Home');
    const bobsPost = ana.postCard('balcony tomatoes');
    await ana.newPostsPill().or(bobsPost).first().click();
    await bobsPost.getByRole('button', { name: 'React', exact: true }).click();
    await bobsPost.getByRole('button', { name: 'Love', exact: true }).click();
    await bobsPost.getByRole('button', { name: /^Love: 1, including you$/ }).waitFor();
  });

  step('the signed-in screens pass axe in both schemes at both widths', async () => {
    const composerWithPhoto: AuditedScreen = {
      name: 'composer with a photo',
      async open(member) {
        await member.page.goto('/');
        await member.waitLive();
        const composer = member.page.getByRole('form', { name: 'New post' });
        await composer.getByLabel('Write a post').fill('A photo from today');
        await composer.locator('input[type=file]').setInputFiles({
          name: 'today.png',
          mimeType: 'image/png',
          buffer: makePng(200, 120),
        });
        await member.waitForOrError(composer.locator('button[type=submit]:enabled'), composer);
      },
    };
    const reportDialog: AuditedScreen = {
      name: 'report dialog',
      async open(member) {
        await member.page.goto('/');
        await member.waitLive();
        const card = member.postCard('balcony tomatoes');
        await card.getByLabel('More actions for this post').click();
        await card.getByRole('button', { name: /^Report/ }).click();
        await member.page.getByRole('dialog').waitFor();
      },
    };
    expectNoViolations(
      await auditScreens(ana, [
        signedInScreen('home feed', '/', (page) =>
          page.locator('article.post').filter({ hasText: 'balcony tomatoes' }).waitFor(),
        ),
        composerWithPhoto,
        signedInScreen('post with comments', anaPostUrl, (page) =>
          page.getByText('Of course, bring the lemonade').waitFor(),
        ),
        reportDialog,
        signedInScreen('profile', '/u/ana', (page) =>
          page.getByRole('heading', { name: 'Ana Lima' }).first().waitFor(),
        ),
        signedInScreen('friends', '/friends', (page) =>
          page.locator('[data-username="bob"]').first().waitFor(),
        ),
        signedInScreen('notifications', '/notifications', (page) =>
          page
            .getByText(/Bob Stone/)
            .first()
            .waitFor(),
        ),
        signedInScreen('settings', '/settings', (page) =>
          page.getByRole('heading', { name: 'Settings' }).first().waitFor(),
        ),
        signedInScreen('admin', '/admin', (page) => page.locator('#invites').waitFor()),
      ]),
    );
  });

  step('signs in with the keyboard alone, focus visible at every stop', async () => {
    await bob.close();
    bob = await Member.open(kith.browser, 'bob', kith.stack.webUrl);
    const page = bob.page;
    await page.goto('/login');
    await tabTo(page, page.getByLabel('Username'));
    await page.keyboard.type('bob');
    await tabTo(page, page.getByLabel('Password'));
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await bob.waitLiveOrFormError();

    // The first stop of a signed-in page is the way past the navigation.
    await page.keyboard.press('Tab');
    await expectFocusOn(page, page.getByRole('link', { name: /skip/i }), 'the first Tab');
  });

  step('writes a post with a photo using the keyboard alone', async () => {
    const page = bob.page;
    const composer = page.getByRole('form', { name: 'New post' });
    // Listening well before Enter: Playwright takes over the browser's file
    // chooser only once its listener is in place in the browser.
    const choosing = page.waitForEvent('filechooser');
    await tabTo(page, composer.getByLabel('Write a post'));
    await page.keyboard.type('Typed without a mouse');
    await tabTo(page, composer.getByRole('button', { name: 'Add photos' }));
    await page.keyboard.press('Enter');
    const chooser = await choosing;
    await chooser.setFiles({ name: 'keys.png', mimeType: 'image/png', buffer: makePng(120, 80) });
    // The Post button can be reached once the photo is uploaded and registered.
    await bob.waitForOrError(composer.locator('button[type=submit]:enabled'), composer);
    // Who sees it, with the arrow keys on the closed list.
    const visibility = composer.getByLabel('Who can see this post');
    await tabTo(page, visibility);
    await page.keyboard.press('ArrowDown');
    expect(await visibility.evaluate((select: HTMLSelectElement) => select.value)).toBe('public');
    await tabTo(page, composer.getByRole('button', { name: 'Post', exact: true }));
    await page.keyboard.press('Enter');
    const posted = bob.postCard('Typed without a mouse');
    await posted.getByRole('img', { name: /Photo 1 of 1/ }).waitFor();
    await posted.getByText('Everyone', { exact: true }).waitFor();
  });

  step('reacts with the keyboard; the picker closes on Escape and gives focus back', async () => {
    const page = bob.page;
    const card = bob.postCard('Picnic by the river');
    const react = card.getByRole('button', { name: 'React', exact: true });
    await tabTo(page, react);
    await page.keyboard.press('Enter');
    await expectFocusOn(
      page,
      card.getByRole('button', { name: 'Like', exact: true }),
      'opening the picker',
    );
    await page.keyboard.press('Escape');
    expect(await card.getByRole('group', { name: 'Choose a reaction' }).count()).toBe(0);
    await expectFocusOn(page, react, 'Escape in the picker');

    await page.keyboard.press('Space');
    await tabTo(page, card.getByRole('button', { name: 'Wow', exact: true }));
    await page.keyboard.press('Enter');
    await card.getByRole('button', { name: /^Wow: 1, including you$/ }).waitFor();
    // The picker is gone; focus is back on its button, which now says what was chosen.
    await expectFocusOn(
      page,
      card.getByRole('button', { name: 'Wow', exact: true }),
      'choosing a reaction',
    );
  });

  step('comments and replies with the keyboard; the reply box closes on Escape', async () => {
    const page = bob.page;
    const card = bob.postCard('Picnic by the river');
    await tabTo(page, card.getByRole('link', { name: /comment/i }));
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${anaPostUrl}#comments`);
    await bob.waitLive();

    await tabTo(page, page.getByLabel('Write a comment'));
    await page.keyboard.type('Counting the minutes');
    await tabTo(page, page.getByRole('button', { name: 'Comment', exact: true }));
    await page.keyboard.press('Enter');
    await page.getByText('Counting the minutes').waitFor();

    const anasReply = page.locator('.comment').filter({ hasText: 'bring the lemonade' }).last();
    const reply = anasReply.getByRole('button', { name: 'Reply', exact: true }).first();
    await tabTo(page, reply, { backwards: true });
    await page.keyboard.press('Enter');
    await expectFocusOn(page, page.getByLabel('Reply to Ana Lima'), 'opening the reply box');
    await page.keyboard.press('Escape');
    expect(await page.getByLabel('Reply to Ana Lima').count()).toBe(0);
    await expectFocusOn(page, reply, 'Escape in the reply box');

    await page.keyboard.press('Enter');
    await page.keyboard.type('Lemonade it is');
    await tabTo(
      page,
      anasReply.locator('form').getByRole('button', { name: 'Reply', exact: true }),
    );
    await page.keyboard.press('Enter');
    await page.getByText('Lemonade it is').waitFor();
    await expectFocusOn(page, reply, 'sending the reply');

    // Editing it from its menu; Escape puts the text back and focus on the menu.
    // By its id: while it is being edited, its text is in a field, not on the page.
    const mineId = await page
      .locator('.comment')
      .filter({ hasText: 'Lemonade it is' })
      .last()
      .getAttribute('data-comment-id');
    const mine = page.locator(`.comment[data-comment-id="${mineId}"]`);
    const menu = mine.getByLabel('More actions for this comment');
    await tabTo(page, menu);
    await page.keyboard.press('Enter');
    await tabTo(page, mine.getByRole('button', { name: 'Edit', exact: true }), { maxStops: 3 });
    await page.keyboard.press('Enter');
    await expectFocusOn(page, mine.getByLabel('Edit your comment'), 'choosing Edit');
    await page.keyboard.press('Escape');
    await expectFocusOn(page, menu, 'Escape in the comment editor');
  });

  step('a menu and a dialog hold focus, close on Escape and give focus back', async () => {
    const page = bob.page;
    const post = page.locator('article.post').first();
    const more = post.getByLabel('More actions for this post');
    await tabTo(page, more, { backwards: true, maxStops: 200 });
    await page.keyboard.press('Enter');
    const report = post.getByRole('button', { name: /^Report/ });
    await tabTo(page, report, { maxStops: 5 });
    await page.keyboard.press('Escape');
    expect(await report.isVisible()).toBe(false);
    await expectFocusOn(page, more, 'Escape in the menu');

    await page.keyboard.press('Enter');
    await tabTo(page, report, { maxStops: 5 });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expectVisibleFocus(page);
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    // Round and round inside the dialog, both ways; never behind it.
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      const inside = await dialog.evaluate((d) => d.contains(document.activeElement));
      if (!inside) {
        const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80));
        throw new Error(`${key} took focus out of the open dialog, to ${at}`);
      }
      await expectVisibleFocus(page);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expectFocusOn(page, more, 'Escape in the dialog');
  });

  step('opens notifications and marks them read with the keyboard', async () => {
    const page = bob.page;
    const nav = page.getByRole('navigation', { name: 'Main' });
    const unread = nav.getByRole('link', { name: /^Notifications, \d+/ });
    await tabTo(page, unread, { backwards: true, maxStops: 200 });
    await page.keyboard.press('Enter');
    await page.waitForURL('**/notifications');

    // One by one: the Mark read button goes away, focus stays with its notification.
    const items = page.locator('li.notification');
    await items.first().waitFor();
    const firstUnread = await items.evaluateAll((all) =>
      all.findIndex((item) => item.classList.contains('unread')),
    );
    expect(await page.locator('li.notification.unread').count()).toBeGreaterThanOrEqual(2);
    const item = items.nth(firstUnread);
    await tabTo(page, item.getByRole('button', { name: 'Mark read' }));
    await page.keyboard.press('Enter');
    await expectFocusOn(page, item.locator('a.notification-text'), 'Mark read');
    await item.and(page.locator('.unread')).waitFor({ state: 'detached' });

    const markAll = page.getByRole('button', { name: 'Mark all as read' });
    await tabTo(page, markAll, { backwards: true });
    await page.keyboard.press('Enter');
    await nav.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    // Focus is not lost with the button that went away.
    await expectVisibleFocus(page);
    expect(bob.pageErrors).toEqual([]);
  });

  step(
    'at phone width in the dark, nothing covers focus: not the header, not the tab bar',
    async () => {
      const page = bob.page;
      await page.setViewportSize(PHONE);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto('/');
      await bob.waitLive();
      await bob.postCard('Picnic by the river').waitFor();
      // Down through the feed past the fold and back up; every stop is checked.
      for (const key of [...Array(30).fill('Tab'), ...Array(25).fill('Shift+Tab')] as string[]) {
        await page.keyboard.press(key);
        await expectVisibleFocus(page).catch((error: Error) => {
          throw new Error(`after ${key}: ${error.message}`);
        });
      }
      await page.setViewportSize(DESKTOP);
      await page.emulateMedia({ colorScheme: 'light' });
    },
  );

  step('the checks themselves catch what they are for', async () => {
    // A field without a label, pale text, and a button whose focus ring was taken away.
    const page = visitor.page;
    await page.goto('/login');
    await page.getByRole('heading', { name: /Log in to Kith/ }).waitFor();
    await page.evaluate(() => {
      const card = document.querySelector('main') ?? document.body;
      const field = document.createElement('input');
      field.id = 'unlabelled';
      const pale = document.createElement('p');
      pale.id = 'pale';
      pale.textContent = 'Hard to read';
      pale.style.color = '#d0d0d0';
      const ringless = document.createElement('button');
      ringless.id = 'ringless';
      ringless.textContent = 'No ring';
      ringless.style.outline = 'none';
      card.prepend(field, pale, ringless);
    });
    const found = await auditPage(page, 'planted faults', 'light desktop');
    expect(found.map((f) => `${f.rule} ${f.target}`)).toEqual(
      expect.arrayContaining(['label #unlabelled', 'color-contrast #pale']),
    );
    await tabTo(page, page.locator('#unlabelled'));
    await expect(tabTo(page, page.locator('#ringless'), { maxStops: 3 })).rejects.toThrow(
      /"No ring" is not visible: it has no outline or box-shadow/,
    );

    // A button under something fixed on top of it, as a tab bar could be.
    await page.evaluate(() => {
      const covered = document.createElement('button');
      covered.id = 'covered';
      covered.textContent = 'Under a bar';
      const bar = document.createElement('div');
      bar.style.cssText = 'position:fixed;inset:0;z-index:1000;background:transparent';
      document.body.prepend(covered, bar);
    });
    await page.locator('#covered').focus();
    await expect(expectVisibleFocus(page)).rejects.toThrow(/"Under a bar" .*something covers it/);
  });
});
