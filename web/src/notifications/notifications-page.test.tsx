// @vitest-environment happy-dom
import { MemoryRouter, Route } from '@solidjs/router';
import { render } from 'solid-js/web';
import { afterEach, describe, expect, it } from 'vitest';
import { type Act, ActionError } from '../live/act';
import { type Live, LiveContext } from '../live/live-context';
import NotificationsPage from './notifications-page';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  document.body.innerHTML = '';
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('marking a notification read', () => {
  it('says why it failed, beside the notification', async () => {
    const row = {
      id: 1n,
      kind: 'reaction',
      actorIds: [],
      actorCount: 1,
      postId: 7n,
      commentId: 0n,
      read: false,
      updatedAt: { toDate: () => new Date() },
    };
    const act: Act = (run) =>
      run({
        markNotificationRead: async () => {
          throw new ActionError('You are offline right now.');
        },
      } as unknown as Parameters<Parameters<Act>[0]>[0]);
    const live = {
      data: { tables: { notifications: [row] }, unreadCount: () => 1, account: () => undefined },
      act,
    } as unknown as Live;
    const root = document.createElement('div');
    document.body.append(root);
    dispose = render(
      () => (
        <MemoryRouter>
          <Route
            path="*"
            component={() => (
              <LiveContext.Provider value={live}>
                <NotificationsPage />
              </LiveContext.Provider>
            )}
          />
        </MemoryRouter>
      ),
      root,
    );
    const item = root.querySelector('li.notification') as HTMLLIElement;
    const button = [...item.querySelectorAll('button')].find((b) => b.textContent === 'Mark read');
    button?.click();
    await settle();
    expect(item.querySelector('[role=alert]')?.textContent).toBe('You are offline right now.');
  });
});
