// Resolves once a live condition holds: an upload the API has just stored
// becomes usable only when the module has registered it, a moment later.
import { createEffect, createRoot } from 'solid-js';
import { ActionError } from '../live/act';

export const WAIT_FOR_MS = 30_000;

export function waitFor(condition: () => boolean, timeoutMs = WAIT_FOR_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    createRoot((dispose) => {
      const timer = setTimeout(() => {
        dispose();
        reject(new ActionError('Kith is still processing this upload. Try again in a moment.'));
      }, timeoutMs);
      createEffect(() => {
        if (!condition()) return;
        clearTimeout(timer);
        dispose();
        resolve();
      });
    });
  });
}
