// @vitest-environment happy-dom
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { afterEach, describe, expect, it } from 'vitest';
import { type Act, ActionError } from '../live/act';
import { type Live, LiveContext } from '../live/live-context';
import { PrivacySettings } from './privacy-settings';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  document.body.innerHTML = '';
});

/** The privacy section over settings saying presence is shown, saving with `save`. */
function show(save: (hidden: boolean, setHidden: (hidden: boolean) => void) => Promise<void>) {
  const [hidden, setHidden] = createSignal(false);
  const act: Act = (run) =>
    run({
      setPresenceHidden: (args: { hidden: boolean }) => save(args.hidden, setHidden),
    } as unknown as Parameters<Parameters<Act>[0]>[0]);
  const live = { data: { settings: () => ({ hidePresence: hidden() }) }, act } as unknown as Live;
  const root = document.createElement('div');
  document.body.append(root);
  dispose = render(
    () => (
      <LiveContext.Provider value={live}>
        <PrivacySettings />
      </LiveContext.Provider>
    ),
    root,
  );
  const box = root.querySelector<HTMLInputElement>('input[type=checkbox]');
  if (box === null) throw new Error('no checkbox');
  return { root, box };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the presence switch', () => {
  it('goes back to what Kith has, with the reason, when the change is refused', async () => {
    const { root, box } = show(async () => {
      throw new ActionError('Presence settings are busy; try again.');
    });
    expect(box.checked).toBe(true);
    box.click();
    await settle();
    expect(box.checked).toBe(true);
    expect(root.querySelector('[role=alert]')?.textContent).toBe(
      'Presence settings are busy; try again.',
    );
  });

  it('stays as the person set it when the change is saved', async () => {
    const { root, box } = show(async (hidden, setHidden) => setHidden(hidden));
    box.click();
    await settle();
    expect(box.checked).toBe(false);
    expect(root.querySelector('[role=alert]')).toBeNull();
  });
});
