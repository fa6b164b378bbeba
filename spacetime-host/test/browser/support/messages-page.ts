// The Solid page of ../app as the tests see it: its status line, identity
// and message list, with waits that say what the page showed when they fail.
import type { Locator, Page } from 'playwright-core';

/** What went wrong inside the page: uncaught errors, console errors, dialogs. */
export interface PageProblems {
  readonly errors: string[];
  readonly consoleErrors: string[];
  readonly dialogs: string[];
}

export class MessagesPage {
  readonly problems: PageProblems = { errors: [], consoleErrors: [], dialogs: [] };
  #mainFrameNavigations = 0;

  constructor(readonly page: Page) {
    page.on('pageerror', (error) => this.problems.errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error')
        this.problems.consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('dialog', (dialog) => {
      this.problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.#mainFrameNavigations++;
    });
  }

  /** How many times the page (re)loaded since it was opened. */
  get loads(): number {
    return this.#mainFrameNavigations;
  }

  get items(): Locator {
    return this.page.locator('[data-testid=messages] > li');
  }

  item(id: string): Locator {
    return this.page.locator(`[data-testid=messages] > li[data-message-id="${id}"]`);
  }

  /** The list item whose whole text is `text`. */
  itemWithText(text: string): Locator {
    return this.items.filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) });
  }

  async statusText(): Promise<string> {
    return (await this.page.getByTestId('status').textContent()) ?? '';
  }

  async identityText(): Promise<string> {
    return (await this.page.getByTestId('identity').textContent()) ?? '';
  }

  async texts(): Promise<string[]> {
    return this.items.allTextContents();
  }

  /** Waits until the status line reads `status` exactly. */
  async waitForStatus(status: string | RegExp): Promise<void> {
    const pattern = typeof status === 'string' ? new RegExp(`^${escapeRegExp(status)}$`) : status;
    await this.#explained(`status ${pattern}`, () =>
      this.page.getByTestId('status').filter({ hasText: pattern }).waitFor({ state: 'attached' }),
    );
  }

  /** Waits for the one item reading `text`; returns its message id. */
  async waitForText(text: string): Promise<string> {
    const item = this.itemWithText(text);
    await this.#explained(`a message reading ${JSON.stringify(text)}`, () =>
      item.waitFor({ state: 'attached' }),
    );
    const id = await item.getAttribute('data-message-id');
    if (id === null) throw new Error(`the item reading ${JSON.stringify(text)} has no id`);
    return id;
  }

  /** Waits until message `id` reads `text`. */
  async waitForItemText(id: string, text: string): Promise<void> {
    await this.#explained(`message ${id} to read ${JSON.stringify(text)}`, () =>
      this.item(id)
        .filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) })
        .waitFor({ state: 'attached' }),
    );
  }

  async waitForItemGone(id: string): Promise<void> {
    await this.#explained(`message ${id} to leave the list`, () =>
      this.item(id).waitFor({ state: 'detached' }),
    );
  }

  /** Runs a Playwright wait; on failure, adds what the page showed. */
  async #explained(what: string, wait: () => Promise<void>): Promise<void> {
    try {
      await wait();
    } catch (error) {
      const shown = {
        status: await this.statusText().catch(() => '?'),
        messages: await this.texts().catch(() => []),
        ...this.problems,
      };
      throw new Error(`waiting for ${what}: ${String(error)}\npage: ${JSON.stringify(shown)}`);
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
