// Sets the document title for the current screen, so tabs and screen readers
// say where the person is.
import { createEffect } from 'solid-js';

export function usePageTitle(title: () => string): void {
  createEffect(() => {
    const text = title();
    document.title = text === '' ? 'Kith' : `${text} · Kith`;
  });
}
