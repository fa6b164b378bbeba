// Kith end to end, in Chromium against the real stack (startKith: the local
// SpacetimeDB host, the module, the API serving the built web app): people
// join with invites, become friends, share a friends-only photo that reaches
// exactly the friend, live; comments and reactions arrive live; markup in
// names, posts and comments stays text; an admin's ban ends a session.
import { describe, expect } from 'vitest';
import { useBrowserStack } from './support/browser-stack.js';
import { eventually } from './support/eventually.js';
import { makePng } from './support/make-png.js';
import { makeWav } from './support/make-wav.js';
import { Member, PASSWORD, PHONE } from './support/member.js';
import { captureScreens, SCREENSHOT_DIR } from './support/screenshots.js';
import { createStory } from './support/story.js';

const XSS_NAME = '<img src=x onerror="window.__xss=1">Cat';
const XSS_POST = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1"> hi @bob';
const XSS_COMMENT = '<b onmouseover="window.__xss=1">bold?</b><svg onload="window.__xss=1">';

const kith = useBrowserStack();
let ana: Member; // the first admin
let bob: Member; // Ana's friend
let cat: Member; // a member who is not Ana's friend
let friendsOnlyPostUrl = '';

describe('Kith in the browser', { timeout: 90_000 }, () => {
  const step = createStory();

  step('lets the first person sign up as the admin and tells them what to do first', async () => {
    ana = await Member.open(kith.browser, 'ana', kith.stack.webUrl);
    await ana.signUp(kith.stack.adminInviteUrl, 'ana', 'Ana Lima');
    await ana.page.getByRole('heading', { name: 'Your feed is quiet for now' }).waitFor();
    await ana.page.getByRole('link', { name: /Find the friends who are already here/ }).waitFor();
    await ana.page.getByRole('link', { name: /^Admin/ }).waitFor();
  });

  step('lets the admin make an invite link that others join with', async () => {
    await ana.nav('Admin');
    const invites = ana.page.locator('#invites');
    await invites.getByLabel('People who can use it').fill('5');
    await invites.getByRole('button', { name: 'Make invite link' }).click();
    const inviteUrl = await invites.getByLabel('Invite link').inputValue();
    expect(inviteUrl).toContain('/signup?invite=');

    bob = await Member.open(kith.browser, 'bob', kith.stack.webUrl);
    cat = await Member.open(kith.browser, 'cat', kith.stack.webUrl);
    await bob.signUp(inviteUrl, 'bob', 'Bob Stone');
    await cat.signUp(inviteUrl, 'cat', 'Cat Moreau');
  });

  step('makes friends: a request shows up live, and accepting it shows on both sides', async () => {
    await bob.nav('Friends');
    const find = bob.page.getByRole('region', { name: 'Find people on Kith' });
    await find.getByLabel('Search by name or @username').fill('ana');
    await find.locator('[data-username="ana"]').getByRole('button', { name: 'Add friend' }).click();
    await find
      .locator('[data-username="ana"]')
      .getByRole('button', { name: /Cancel your friend request/ })
      .waitFor();

    // Ana, who has not reloaded since signing up, sees the request arrive.
    await ana.page.getByRole('link', { name: 'Friends, 1 friend requests' }).waitFor();
    await ana.nav('Friends');
    const requests = ana.page.getByRole('region', { name: 'Friend requests' });
    await requests.getByRole('button', { name: "Accept Bob Stone's friend request" }).click();
    await ana.page
      .getByRole('region', { name: /Your friends \(1\)/ })
      .locator('[data-username="bob"]')
      .waitFor();
    await bob.page
      .getByRole('region', { name: /Your friends \(1\)/ })
      .locator('[data-username="ana"]')
      .waitFor();
    expect(ana.loads).toBe(1);

    // Profiles: Bob sees Ana's friends (himself); Cat, a friend of neither, only what they share.
    await bob.page.goto('/u/ana');
    await bob.waitLive();
    await bob.page
      .getByRole('region', { name: 'Friends (1)' })
      .getByRole('link', { name: /Bob Stone/ })
      .waitFor();
    await cat.page.goto('/u/ana');
    await cat.waitLive();
    await cat.page.getByRole('region', { name: 'Friends in common (0)' }).waitFor();
  });

  step(
    'shows a friends-only photo to the friend as it is posted, and never to a non-friend',
    async () => {
      await bob.nav('Home');
      await cat.nav('Home');
      await ana.nav('Home');
      const bobLoads = bob.loads;

      await ana.post('Sunset from the roof #evening', { photos: [makePng(320, 200)] });
      const mine = ana.postCard('Sunset from the roof');
      await mine.getByText('Friends only').waitFor();
      friendsOnlyPostUrl =
        (await mine.getByRole('link', { name: /just now|min ago/ }).getAttribute('href')) ?? '';
      expect(friendsOnlyPostUrl).toMatch(/^\/post\/\d+$/);

      // Bob is reading his feed: the post waits behind the pill rather than jumping in.
      await bob.newPostsPill().waitFor();
      expect(await bob.newPostsPill().textContent()).toContain('1 new post');
      await bob.newPostsPill().click();
      const seen = bob.postCard('Sunset from the roof');
      const photo = seen.getByRole('img', { name: /Photo 1 of 1 by Ana Lima/ });
      await photo.waitFor();
      await eventually(async () => {
        expect(
          await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
        ).toBeGreaterThan(0);
      });
      expect(bob.loads).toBe(bobLoads);

      // A public post written after it reaches Cat; had the friends-only post
      // been sent to Cat, it would have arrived first.
      await ana.post('Public hello to everyone here', { visibility: 'Everyone on Kith' });
      await cat.newPostsPill().waitFor();
      await cat.newPostsPill().click();
      await cat.postCard('Public hello to everyone here').waitFor();
      expect(await cat.postCard('Sunset from the roof').count()).toBe(0);
      expect(await cat.page.getByText('Sunset from the roof').count()).toBe(0);

      // Opening its address directly does not help either.
      await cat.page.goto(friendsOnlyPostUrl);
      await cat.waitLive();
      await cat.page.getByRole('heading', { name: 'This post is not available' }).waitFor();
    },
  );

  step('brings comments, reactions and notifications to the author live', async () => {
    await ana.page.goto(friendsOnlyPostUrl);
    await ana.waitLive();
    const anaLoads = ana.loads;
    const bobLoads = bob.loads;

    const bobCard = bob.postCard('Sunset from the roof');
    await bobCard.getByRole('button', { name: 'React' }).click();
    await bobCard.getByRole('button', { name: 'Love' }).click();
    await bobCard.getByRole('button', { name: 'Love: 1, including you' }).waitFor();
    await bobCard.getByRole('link', { name: 'Comment' }).click();
    await bob.page.getByLabel('Write a comment').fill('Gorgeous colours!');
    await bob.page.getByRole('button', { name: 'Comment', exact: true }).click();

    const anaPost = ana.postCard('Sunset from the roof');
    await anaPost.getByRole('button', { name: 'Love: 1' }).waitFor();
    const comment = ana.page.locator('.comment').filter({ hasText: 'Gorgeous colours!' });
    await comment.waitFor();
    expect(await comment.getByRole('link', { name: 'Bob Stone' }).count()).toBe(1);

    // Ana replies in the thread; Bob, on the same page, sees the reply nested under his comment.
    await comment.getByRole('button', { name: 'Reply' }).click();
    const replyForm = ana.page
      .locator('form.comment-form')
      .filter({ has: ana.page.getByLabel('Reply to Bob Stone') });
    await replyForm.getByLabel('Reply to Bob Stone').fill('Thank you @bob');
    await replyForm.getByRole('button', { name: 'Reply', exact: true }).click();
    const reply = bob.page
      .locator('.comment-list.nested .comment')
      .filter({ hasText: 'Thank you' });
    await reply.waitFor();
    expect(await reply.getByRole('link', { name: '@bob' }).count()).toBe(1);

    await ana.page.getByRole('link', { name: /^Notifications, \d+ unread$/ }).waitFor();
    await ana.nav('Notifications');
    await ana.page.getByText('Bob Stone reacted to your post').waitFor();
    await ana.page.getByText('Bob Stone commented on your post').waitFor();
    expect(ana.loads).toBe(anaLoads);
    expect(bob.loads).toBe(bobLoads);
  });

  step('edits, deletes and restores a post, live for those who see it', async () => {
    await ana.nav('Home');
    await bob.nav('Home');
    // By id: while being edited, the card's text is in a text box.
    const postId = await ana.postCard('Public hello to everyone here').getAttribute('data-post-id');
    const mine = ana.page.locator(`article[data-post-id="${postId}"]`);
    await mine.getByLabel('More actions for this post').click();
    await mine.getByRole('button', { name: 'Edit' }).click();
    await mine.getByLabel('Edit your post').fill('Public hello to everyone here, and welcome!');
    await mine.getByRole('button', { name: 'Save' }).click();
    const theirs = bob.page.locator(`article[data-post-id="${postId}"]`);
    await theirs.getByText('and welcome!').waitFor();
    await theirs.getByText('edited').waitFor();
    // Only the author can open earlier versions.
    await mine.getByRole('button', { name: 'edited' }).click();
    await ana.page
      .getByRole('dialog', { name: 'Earlier versions' })
      .getByText('Public hello to everyone here', { exact: true })
      .waitFor();
    await ana.page
      .getByRole('dialog', { name: 'Earlier versions' })
      .getByRole('button', { name: 'Close' })
      .click();

    await mine.getByLabel('More actions for this post').click();
    await mine.getByRole('button', { name: 'Delete' }).click();
    await ana.page
      .getByRole('dialog', { name: 'Delete this post?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await mine.getByText('You deleted this post.').waitFor();
    await eventually(async () => expect(await theirs.count()).toBe(0));

    await mine.getByRole('button', { name: 'Restore' }).click();
    await mine.getByText('and welcome!').waitFor();
    await theirs.getByText('and welcome!').waitFor();
  });

  step("puts a member's report in the admins' queue, live", async () => {
    await ana.nav('Admin');
    await ana.page.getByRole('heading', { name: 'No open reports' }).waitFor();
    await cat.nav('Home');
    const card = cat.postCard('Public hello to everyone here');
    await card.getByLabel('More actions for this post').click();
    await card.getByRole('button', { name: 'Report' }).click();
    const dialog = cat.page.getByRole('dialog', { name: 'Report this post' });
    await dialog.getByLabel(/What is wrong with it/).fill('Testing the report queue');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await cat.page.getByText('Report sent.').waitFor();
    const report = ana.page
      .locator('[data-report-id]')
      .filter({ hasText: 'Testing the report queue' });
    await report.waitFor();
    expect(await report.textContent()).toContain('Public hello to everyone here');

    // A report about a person, from their profile.
    await cat.page.goto('/u/bob');
    await cat.waitLive();
    await cat.page.getByLabel('More actions for Bob Stone').click();
    await cat.page.getByRole('button', { name: 'Report' }).click();
    const about = cat.page.getByRole('dialog', { name: 'Report Bob Stone' });
    await about.getByLabel(/What is wrong with it/).fill('Testing an account report');
    await about.getByRole('button', { name: 'Send report' }).click();
    await cat.page.getByText('Report sent.').waitFor();
    const accountReport = ana.page
      .locator('[data-report-id]')
      .filter({ hasText: 'Testing an account report' });
    await accountReport.getByRole('link', { name: '@bob' }).waitFor();
  });

  step('plays an ampersound once an admin approved it', async () => {
    await bob.nav('Settings');
    const sounds = bob.page.getByRole('region', { name: 'Your sounds' });
    await sounds.getByLabel('Sound name').fill('horn');
    await sounds.getByLabel(/^Clip/).setInputFiles({
      name: 'horn.wav',
      mimeType: 'audio/wav',
      buffer: makeWav(0.5),
    });
    await sounds.getByRole('button', { name: 'Add sound' }).click();
    await bob.waitForOrError(sounds.getByText('waiting for an admin'), sounds);

    // Until it is approved, the tag is text for others.
    await bob.page.goto(friendsOnlyPostUrl);
    await bob.waitLive();
    await bob.page.getByLabel('Write a comment').fill('Sound on: &bob.horn');
    await bob.page.getByRole('button', { name: 'Comment', exact: true }).click();
    const comment = ana.page.locator('.comment').filter({ hasText: 'Sound on:' });
    await ana.page.goto(friendsOnlyPostUrl);
    await ana.waitLive();
    await comment.waitFor();
    expect(await comment.getByRole('button', { name: 'Play sound &bob.horn' }).count()).toBe(0);

    await ana.nav('Admin');
    const review = ana.page.locator('#sounds');
    await review.getByText('&bob.horn').waitFor();
    await review.getByRole('button', { name: 'Approve' }).click();
    await review.getByText('No sounds are waiting.').waitFor();
    await ana.page.goBack();
    await comment.getByRole('button', { name: 'Play sound &bob.horn' }).waitFor();
    await bob.nav('Settings');
    await bob.page.getByRole('region', { name: 'Your sounds' }).getByText('approved').waitFor();
  });

  step('logs out and back in', async () => {
    await bob.nav('Settings');
    await bob.page
      .getByRole('region', { name: 'Account' })
      .getByRole('button', { name: 'Log out' })
      .click();
    await bob.page.getByRole('heading', { name: 'Log in to Kith' }).waitFor();
    await bob.page.getByText('You have logged out.').waitFor();
    expect((await bob.page.request.get('/v1/auth/session')).status()).toBe(401);

    await bob.page.getByLabel('Password').fill('not the password');
    await bob.page.getByLabel('Username').fill('bob');
    await bob.page.getByRole('button', { name: 'Log in' }).click();
    await bob.page.locator('.form-error').waitFor();

    await bob.logIn('bob');
    await bob.waitLiveOrFormError();
    await bob.page.getByRole('heading', { name: 'Settings' }).waitFor();
  });

  step('says when the connection is lost, and catches up once it is back', async () => {
    await bob.nav('Home');
    await bob.waitLive();
    await bob.goOffline();
    await bob.page.getByText('Connection lost. Reconnecting…').waitFor();
    await ana.nav('Home');
    await ana.post('Written while Bob was offline');
    await bob.goOnline();
    await bob.waitLive();
    await bob.newPostsPill().click();
    await bob.postCard('Written while Bob was offline').waitFor();
  });

  step('pictures the main screens at phone and desktop widths', async () => {
    const files = await captureScreens(ana, [
      {
        name: 'home',
        path: '/',
        ready: async (m) => {
          await m.postCard('Sunset from the roof').locator('.media-image.loaded').waitFor();
        },
      },
      {
        name: 'post',
        path: friendsOnlyPostUrl,
        ready: async (m) => {
          await m.page.locator('.comment').filter({ hasText: 'Gorgeous colours!' }).waitFor();
        },
      },
      {
        name: 'profile',
        path: '/u/ana',
        ready: async (m) => {
          await m.page.getByRole('heading', { name: 'Ana Lima', level: 1 }).waitFor();
        },
      },
      {
        name: 'friends',
        path: '/friends',
        ready: async (m) => {
          await m.page.locator('[data-username="bob"]').first().waitFor();
        },
      },
      {
        name: 'notifications',
        path: '/notifications',
        ready: async (m) => {
          await m.page.getByText('Bob Stone reacted to your post').waitFor();
        },
      },
      {
        name: 'settings',
        path: '/settings',
        ready: async (m) => {
          await m.page.getByRole('heading', { name: 'Profile', exact: true }).waitFor();
        },
      },
      {
        name: 'admin',
        path: '/admin',
        ready: async (m) => {
          await m.page.locator('[data-report-id]').first().waitFor();
        },
      },
    ]);
    expect(files).toHaveLength(14);
    const signedOut = await Member.open(kith.browser, 'visitor', kith.stack.webUrl, PHONE);
    await signedOut.page.goto('/login');
    await signedOut.page.getByRole('heading', { name: 'Log in to Kith' }).waitFor();
    await signedOut.page.screenshot({ path: `${SCREENSHOT_DIR}/phone/login.png` });
    await signedOut.close();
  });

  step('lets an admin dismiss a report, which the audit log keeps', async () => {
    await ana.nav('Admin');
    const report = ana.page
      .locator('[data-report-id]')
      .filter({ hasText: 'Testing the report queue' });
    await report.getByRole('button', { name: 'Dismiss' }).click();
    const dialog = ana.page.getByRole('dialog', { name: 'Dismiss report' });
    await dialog.getByLabel('Reason (kept in the audit log)').fill('Nothing wrong here');
    await dialog.getByRole('button', { name: 'Dismiss report' }).click();
    await report.waitFor({ state: 'detached' });
    await ana.page.locator('#audit').getByText('Nothing wrong here').waitFor();
  });

  step('renders markup in names, posts and comments as text', async () => {
    await cat.nav('Settings');
    const profile = cat.page.getByRole('region', { name: 'Profile' });
    await profile.getByLabel('Display name').fill(XSS_NAME);
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await cat.waitForOrError(profile.getByText('Saved.'), profile);
    await bob.nav('Home');
    await cat.nav('Home');
    await cat.post(XSS_POST, { visibility: 'Everyone on Kith' });
    await bob.newPostsPill().click();
    const card = bob.postCard('window.__xss=1</script>');
    await card.waitFor();
    const text = card.locator('.post-text');
    expect(await text.textContent()).toContain(XSS_POST.replace(' hi @bob', ''));
    expect(await text.locator('script, img').count()).toBe(0);
    // The name is shown as written, as text.
    expect(await card.locator('.post-author a').textContent()).toBe(XSS_NAME);
    expect(await card.locator('.post-author img').count()).toBe(0);

    await card.getByRole('link', { name: 'Comment' }).click();
    await bob.page.getByLabel('Write a comment').fill(XSS_COMMENT);
    await bob.page.getByRole('button', { name: 'Comment', exact: true }).click();
    const comment = bob.page.locator('.comment-text').filter({ hasText: 'bold?' });
    await comment.waitFor();
    expect(await comment.textContent()).toBe(XSS_COMMENT);
    expect(await comment.locator('b, svg').count()).toBe(0);

    for (const member of [ana, bob, cat]) {
      expect(
        await member.page.evaluate(() => (window as { __xss?: unknown }).__xss),
      ).toBeUndefined();
      expect(member.dialogs).toEqual([]);
    }
  });

  step("ends a banned member's session", async () => {
    await cat.nav('Home');
    await ana.nav('Admin');
    const moderation = ana.page.locator('#moderation');
    await moderation.getByLabel('Username').fill('cat');
    await moderation.getByLabel('Reason (kept in the audit log)').fill('Testing the ban');
    await moderation.getByRole('button', { name: 'Ban', exact: true }).click();
    await moderation.locator('.admin-list').getByText('@cat').waitFor();

    // Cat is shown the login page with the admin's reason, signed out at the API too.
    await cat.page.getByRole('heading', { name: 'Log in to Kith' }).waitFor();
    await cat.page.getByText(/banned by a Kith admin.*The reason given: Testing the ban/).waitFor();
    const session = await cat.page.request.get('/v1/auth/session');
    expect(session.status()).toBe(401);

    // The ban is in the audit log, live.
    await ana.page.locator('#audit').getByText('Testing the ban').waitFor();
  });

  step(
    'changes a username: refusals say why where the person acted, and friends see the new name live',
    async () => {
      await bob.nav('Settings');
      const form = bob.page.getByRole('form', { name: 'Change username' });
      await form.getByLabel('New username').fill('ana');
      await form.getByLabel('Your password').fill(PASSWORD);
      await form.getByRole('button', { name: 'Change username' }).click();
      await form.getByText('Someone already has that username. Try another.').waitFor();

      await form.getByLabel('New username').fill('bob_stone');
      await form.getByLabel('Your password').fill('not the password');
      await form.getByRole('button', { name: 'Change username' }).click();
      await form.getByText('That is not your password. Try again.').waitFor();

      await form.getByLabel('Your password').fill(PASSWORD);
      await form.getByRole('button', { name: 'Change username' }).click();
      await form.getByText('Done. You are now @bob_stone').waitFor();

      // Ana, Bob's friend, sees it without reloading.
      const anaLoads = ana.loads;
      await ana.nav('Friends');
      const friends = ana.page.getByRole('region', { name: /Your friends \(1\)/ });
      await friends.locator('[data-username="bob_stone"]').waitFor();
      expect(ana.loads).toBe(anaLoads);

      // Bob's next connection carries the new name: after a drop, it stays.
      await bob.goOffline();
      await bob.page.getByText('Connection lost. Reconnecting…').waitFor();
      await bob.goOnline();
      await bob.waitLive();
      await bob.nav('Profile');
      await bob.page.waitForURL('**/u/bob_stone');
      await friends.locator('[data-username="bob_stone"]').waitFor();
      expect(await friends.locator('[data-username="bob"]').count()).toBe(0);

      // What was written to @bob before still leads to Bob: the mention stays a
      // link, and the old address opens his profile at the new one.
      await ana.page.goto(friendsOnlyPostUrl);
      await ana.waitLive();
      const reply = ana.page
        .locator('.comment-list.nested .comment')
        .filter({ hasText: 'Thank you' });
      await reply.getByRole('link', { name: '@bob' }).click();
      await ana.page.waitForURL('**/u/bob_stone');
      await ana.page.getByRole('heading', { level: 1, name: 'Bob Stone' }).waitFor();

      // The report about Bob follows him to his new name.
      await ana.nav('Admin');
      await ana.page
        .locator('[data-report-id]')
        .filter({ hasText: 'Testing an account report' })
        .getByRole('link', { name: '@bob_stone' })
        .waitFor();

      // Bob may let the old name go: then it leads nowhere.
      await bob.nav('Settings');
      const old = bob.page.getByRole('region', { name: 'Old usernames' });
      await old.getByText('@bob', { exact: true }).waitFor();
      await old.getByRole('button', { name: 'Stop old names leading to me' }).click();
      await old.waitFor({ state: 'detached' });
      await ana.page.goto('/u/bob');
      await ana.waitLive();
      await ana.page.getByRole('heading', { name: 'No such member' }).waitFor();
    },
  );

  step(
    'changes the email address only with the password, saying why where it was refused',
    async () => {
      await bob.nav('Settings');
      const form = bob.page.getByRole('form', { name: 'Change email' });
      await form.getByLabel('Email', { exact: true }).fill('bob@example.com');
      await form.getByLabel('Your password').fill('not the password');
      await form.getByRole('button', { name: 'Save email' }).click();
      await form.getByText('That is not your password. Try again.').waitFor();
      expect(
        await form.getByLabel('Your password').evaluate((el) => el === document.activeElement),
      ).toBe(true);
      await form.getByLabel('Your password').fill(PASSWORD);
      await form.getByRole('button', { name: 'Save email' }).click();
      await form.getByText('Saved.').waitFor();
    },
  );

  step(
    'lets an admin remove a post and a comment for everyone, with the reasons in the audit log',
    async () => {
      await bob.nav('Home');
      await ana.nav('Home');
      await bob.post('A post the admin takes down', { visibility: 'Everyone on Kith' });
      await ana.newPostsPill().click();
      const post = ana.postCard('A post the admin takes down');
      await post.getByLabel('More actions for this post').click();
      await post.getByRole('button', { name: 'Remove (admin)' }).click();
      const postDialog = ana.page.getByRole('dialog', { name: 'Remove this post for everyone' });
      await postDialog.getByLabel('Reason (kept in the audit log)').fill('Off-topic test post');
      await postDialog.getByRole('button', { name: 'Remove post' }).click();
      await post.waitFor({ state: 'detached' });
      await bob.postCard('A post the admin takes down').waitFor({ state: 'detached' });

      await ana.page.goto(friendsOnlyPostUrl);
      await ana.waitLive();
      const comment = ana.page.locator('.comment').filter({ hasText: 'Gorgeous colours!' }).first();
      await comment.getByLabel('More actions for this comment').click();
      await comment.getByRole('button', { name: 'Remove (admin)' }).click();
      const commentDialog = ana.page.getByRole('dialog', {
        name: 'Remove this comment for everyone',
      });
      await commentDialog
        .getByLabel('Reason (kept in the audit log)')
        .fill('Testing comment removal');
      await commentDialog.getByRole('button', { name: 'Remove comment' }).click();
      await ana.page.getByText('Gorgeous colours!').waitFor({ state: 'detached' });

      await ana.nav('Admin');
      const audit = ana.page.locator('#audit');
      await audit.getByText('Off-topic test post').waitFor();
      await audit.getByText('Testing comment removal').waitFor();
    },
  );

  step('had no errors in any page', () => {
    for (const member of [ana, bob, cat]) expect(member.pageErrors).toEqual([]);
  });
});
