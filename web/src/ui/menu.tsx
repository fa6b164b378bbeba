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
  // Choosing an action (a click or Enter on one of its buttons) or clicking elsewhere closes it.
  const onDocumentClick = (event: MouseEvent) => {
    if (details === undefined) return;
    const target = event.target as HTMLElement;
    const chose = target.closest('.menu-items button, .menu-items a') !== null;
    if (!details.contains(target) || (chose && details.contains(target))) close(false);
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
      <div class="menu-items">{props.children}</div>
    </details>
  );
}
