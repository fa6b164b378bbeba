// A small "more actions" menu on the browser's <details>: a real button that
// opens a list of actions, closed again by choosing one, by Escape, or by a
// click elsewhere.
import { type JSX, onCleanup } from 'solid-js';

export interface MenuProps {
  readonly label: string;
  readonly children: JSX.Element;
  /** The menu's own button, for giving focus back once a chosen action is done. */
  readonly buttonRef?: (button: HTMLElement) => void;
}

export function Menu(props: MenuProps) {
  let details: HTMLDetailsElement | undefined;
  const close = (focusSummary: boolean) => {
    if (details === undefined || !details.open) return;
    details.open = false;
    if (focusSummary) details.querySelector('summary')?.focus();
  };
  // A click elsewhere closes it.
  const onDocumentClick = (event: MouseEvent) => {
    if (details !== undefined && !details.contains(event.target as Node)) close(false);
  };
  // Choosing an action (a click or Enter on one of its buttons) closes it and
  // puts focus on the menu's button before the action runs: a dialog the
  // action opens then gives focus back there, and an action that opens nothing
  // leaves focus where the person was instead of on a hidden item.
  const onChoose = (event: MouseEvent) => {
    if ((event.target as Element).closest('button, a') !== null) close(true);
  };
  // Listens to the page only while open: a feed has a menu on every post.
  const stopListening = () => document.removeEventListener('click', onDocumentClick);
  onCleanup(stopListening);
  return (
    <details
      ref={details}
      class="menu"
      onToggle={() => {
        if (details?.open) document.addEventListener('click', onDocumentClick);
        else stopListening();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') close(true);
      }}
    >
      <summary
        ref={(summary) => props.buttonRef?.(summary)}
        class="icon-button"
        aria-label={props.label}
        title={props.label}
      >
        <span aria-hidden="true">⋯</span>
      </summary>
      <div class="menu-items" ref={(items) => items.addEventListener('click', onChoose, true)}>
        {props.children}
      </div>
    </details>
  );
}
