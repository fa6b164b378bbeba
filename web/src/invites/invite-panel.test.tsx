// @vitest-environment happy-dom
import { render } from 'solid-js/web';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvitePanel } from './invite-panel';

const URL = 'http://kith.lan:8080/signup?invite=abc123';

vi.mock('../api-client/invites-api', () => ({
  listInvites: async () => [],
  createInvite: async () => ({ invite: {}, code: 'abc123', url: URL }),
  revokeInvite: async () => undefined,
}));

let dispose: (() => void) | undefined;
const realClipboard = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
beforeEach(() => {
  dispose = undefined;
});
afterEach(() => {
  dispose?.();
  document.body.innerHTML = '';
  if (realClipboard) Object.defineProperty(navigator, 'clipboard', realClipboard);
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The panel with a link just made, and its Copy button clicked, with `clipboard` as the browser's. */
async function copyWith(clipboard: unknown) {
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
  const root = document.createElement('div');
  document.body.append(root);
  dispose = render(() => <InvitePanel />, root);
  const button = (name: string) =>
    [...root.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;
  button('Make invite link').click();
  await settle();
  const field = root.querySelector('input[aria-label="Invite link"]') as HTMLInputElement;
  expect(field.value).toBe(URL);
  button('Copy').click();
  await settle();
  return { root, field };
}

describe('copying an invite link', () => {
  it('says so when it copied', async () => {
    const writeText = vi.fn(async () => undefined);
    const { root } = await copyWith({ writeText });
    expect(writeText).toHaveBeenCalledWith(URL);
    expect(root.textContent).toContain('Copied');
  });

  it.each([
    ['there is no clipboard (a plain-http address)', undefined],
    [
      'the browser refuses',
      {
        writeText: async () => {
          throw new DOMException('Write permission denied.', 'NotAllowedError');
        },
      },
    ],
  ])('selects the link and says to press Ctrl+C when %s', async (_, clipboard) => {
    const { root, field } = await copyWith(clipboard);
    expect(document.activeElement).toBe(field);
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, URL.length]);
    const hint = root.querySelector(`#${field.getAttribute('aria-describedby')}`);
    expect(hint?.textContent).toContain('press Ctrl+C to copy');
    expect(root.textContent).not.toContain('Copied');
  });
});
