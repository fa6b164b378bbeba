// @vitest-environment happy-dom
import { render } from 'solid-js/web';
import { afterEach, describe, expect, it } from 'vitest';
import type { Act } from '../live/act';
import { type Live, LiveContext } from '../live/live-context';
import { Composer } from './composer';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  document.body.innerHTML = '';
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the composer while posting', () => {
  it('holds the text and photos as they are until the post is sent, then clears them', async () => {
    let finish: () => void = () => undefined;
    const sent: string[] = [];
    const act: Act = (run) =>
      run({
        createPost: (args: { text: string }) => {
          sent.push(args.text);
          return new Promise<void>((resolve) => {
            finish = resolve;
          });
        },
      } as unknown as Parameters<Parameters<Act>[0]>[0]);
    const live = {
      data: { mutedUntil: () => undefined, me: () => undefined, media: () => undefined },
      act,
    } as unknown as Live;
    const root = document.createElement('div');
    document.body.append(root);
    dispose = render(
      () => (
        <LiveContext.Provider value={live}>
          <Composer />
        </LiveContext.Provider>
      ),
      root,
    );
    const text = root.querySelector('textarea') as HTMLTextAreaElement;
    const buttons = () => [...root.querySelectorAll('button')];
    const addPhotos = () => buttons().find((b) => b.textContent?.includes('Add photos'));
    const postButton = () => root.querySelector('button[type=submit]') as HTMLButtonElement;

    text.value = 'First thought';
    text.dispatchEvent(new Event('input', { bubbles: true }));
    postButton().click();
    await settle();
    expect(sent).toEqual(['First thought']);
    expect(postButton().textContent).toBe('Posting…');
    // Nothing more can be typed or added to what is being sent.
    expect(text.readOnly).toBe(true);
    expect(addPhotos()?.disabled).toBe(true);
    expect((root.querySelector('input[type=file]') as HTMLInputElement).disabled).toBe(true);

    finish();
    await settle();
    expect(text.value).toBe('');
    expect(text.readOnly).toBe(false);
    expect(addPhotos()?.disabled).toBe(false);
  });
});
