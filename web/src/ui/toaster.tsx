import { For } from 'solid-js';
import { toasts } from './toasts';

/** Where toasts appear; announced politely to screen readers. */
export function Toaster() {
  return (
    <div class="toaster" role="status" aria-live="polite">
      <For each={toasts()}>{(toast) => <p class="toast">{toast.message}</p>}</For>
    </div>
  );
}
