// Keeps Tab inside a modal dialog. The browser's modal <dialog> makes the page
// behind it inert, but Tab past its last control still leaves the page for
// the browser's own toolbar; this sends it round to the first control (and
// Shift+Tab from the first to the last), as people expect of a dialog.

import { isRendered } from './is-rendered';

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

function tabStops(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.tabIndex >= 0 && !element.matches(':disabled') && isRendered(element),
  );
}

/** A keydown handler for the dialog: wraps Tab and Shift+Tab at its ends. */
export function wrapTabFocus(event: KeyboardEvent, container: HTMLElement): void {
  if (event.key !== 'Tab') return;
  const stops = tabStops(container);
  const [first, last] = [stops[0], stops.at(-1)];
  if (first === undefined || last === undefined) return;
  const at = document.activeElement;
  if (event.shiftKey && (at === first || !container.contains(at))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (at === last || !container.contains(at))) {
    event.preventDefault();
    first.focus();
  }
}
