// One person using Kith in their own browser context (their own cookies),
// driven the way they would use it: through labels, roles and visible text.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

/** Every test member's password: long, uncommon, and containing none of their usernames. */
export const PASSWORD = 'amber-quilt-harbor-42';

export const DESKTOP: Viewport = { width: 1280, height: 900 };
export const PHONE: Viewport = { width: 390, height: 844 };

/**
 * Runs in every page before the app: remembers each WebSocket it opens, so a
 * test can cut the live connection the way a network drop would.
 */
const TRACK_SOCKETS = `(() => {
  const Native = window.WebSocket;
  window.__kithSockets = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      window.__kithSockets.push(this);
    }
  };
})();`;

export class Member {
  /** Uncaught errors in the page; a test ends by checking there were none. */
  readonly pageErrors: string[] = [];
  /** alert/confirm/prompt dialogs the page opened (an XSS payload would). */
  readonly dialogs: string[] = [];
  /** Full page loads, so a test can show something arrived without one. */
  loads = 0;

  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      this.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('load', () => {
      this.loads += 1;
    });
    page.setDefaultTimeout(15_000);
  }

  static async open(
    browser: Browser,
    name: string,
    baseUrl: string,
    viewport: Viewport = DESKTOP,
  ): Promise<Member> {
    const context = await browser.newContext({ viewport, baseURL: baseUrl });
    await context.addInitScript(TRACK_SOCKETS);
    return new Member(name, context, await context.newPage(), baseUrl);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** Signs up with an invite link and waits until the app is live. */
  async signUp(inviteUrl: string, username: string, displayName: string): Promise<void> {
    await this.page.goto(inviteUrl);
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Display name (optional)').fill(displayName);
    await this.page.getByLabel('Password').fill(PASSWORD);
    await this.page.getByRole('button', { name: 'Create account' }).click();
    await this.waitLiveOrFormError();
  }

  /** Logs in from the login page (opening it unless already there, which keeps its ?next=). */
  async logIn(username: string): Promise<void> {
    if (new URL(this.page.url()).pathname !== '/login') await this.page.goto('/login');
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(PASSWORD);
    await this.page.getByRole('button', { name: 'Log in' }).click();
  }

  /** Waits for `expected`, or fails at once with the error the page showed in `scope` instead. */
  async waitForOrError(expected: Locator, scope: Locator | Page = this.page): Promise<void> {
    const problem = scope.locator('.form-error, .field-error, .attachment-state.error').first();
    try {
      await expected.or(problem).first().waitFor();
    } catch (error) {
      throw new Error(
        `${this.name} waited in vain; page errors: ${JSON.stringify(this.pageErrors)}`,
        { cause: error },
      );
    }
    if (await problem.isVisible()) {
      throw new Error(`${this.name} saw an error instead: ${await problem.textContent()}`);
    }
    await expected.waitFor();
  }

  /** Waits until the app is live, or fails with the error the form showed instead. */
  async waitLiveOrFormError(): Promise<void> {
    await this.waitForOrError(this.page.locator('.connection[data-phase="live"]'));
  }

  async waitLive(): Promise<void> {
    await this.page.locator('.connection[data-phase="live"]').waitFor();
  }

  /** As an admin: makes an invite link in the admin area and returns it (the newest one shown). */
  async makeInviteLink(): Promise<string> {
    await this.nav('Admin');
    const invites = this.page.locator('#invites');
    await invites.getByRole('button', { name: 'Make invite link' }).click();
    return invites.getByLabel('Invite link').last().inputValue();
  }

  /** Finds `username` under Friends and sends a friend request, waiting until it is sent. */
  async askFriendship(username: string): Promise<void> {
    await this.nav('Friends');
    const find = this.page.getByRole('region', { name: 'Find people on Kith' });
    await find.getByLabel('Search by name or @username').fill(username);
    const person = find.locator(`[data-username="${username}"]`);
    await person.getByRole('button', { name: 'Add friend' }).click();
    await person.getByRole('button', { name: /Cancel your friend request/ }).waitFor();
  }

  /** Accepts the friend request of the person shown as `displayName`. */
  async acceptFriendRequestOf(displayName: string): Promise<void> {
    await this.nav('Friends');
    await this.page
      .getByRole('region', { name: 'Friend requests' })
      .getByRole('button', { name: `Accept ${displayName}'s friend request` })
      .click();
  }

  /** Follows a link in the main navigation (no page load). */
  async nav(label: 'Home' | 'Friends' | 'Notifications' | 'Profile' | 'Settings' | 'Admin') {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: new RegExp(`^${label}`) })
      .click();
  }

  /** Writes a post from the home feed's composer, with photos if given. */
  async post(
    text: string,
    options: { photos?: readonly Buffer[]; visibility?: 'Friends only' | 'Everyone on Kith' } = {},
  ): Promise<void> {
    const composer = this.page.getByRole('form', { name: 'New post' });
    await composer.getByLabel('Write a post').fill(text);
    if (options.photos !== undefined && options.photos.length > 0) {
      await composer.locator('input[type=file]').setInputFiles(
        options.photos.map((buffer, i) => ({
          name: `photo-${i + 1}.png`,
          mimeType: 'image/png',
          buffer,
        })),
      );
    }
    await composer
      .getByLabel('Who can see this post')
      .selectOption({ label: options.visibility ?? 'Friends only' });
    // The button is enabled once every photo is uploaded and registered with the module.
    await this.waitForOrError(composer.locator('button[type=submit]:enabled'), composer);
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    // The composer empties once the module has the post.
    await this.waitForOrError(composer.locator('textarea:placeholder-shown'), composer);
  }

  /** Takes the browser off the network and closes its open sockets, as a dropped connection would. */
  async goOffline(): Promise<void> {
    await this.context.setOffline(true);
    await this.page.evaluate(() => {
      for (const socket of (window as unknown as { __kithSockets: WebSocket[] }).__kithSockets) {
        socket.close();
      }
    });
  }

  async goOnline(): Promise<void> {
    await this.context.setOffline(false);
  }

  /** The post card whose text contains `text`. */
  postCard(text: string): Locator {
    return this.page.locator('article.post').filter({ hasText: text });
  }

  /** The "N new posts" pill of the home feed. */
  newPostsPill(): Locator {
    return this.page.getByRole('button', { name: /^↑?\s*Show \d+ new posts?$/ });
  }
}
