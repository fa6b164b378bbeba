// A modal dialog on the browser's own <dialog>: it keeps Tab inside, closes
// on Escape and returns focus to where it was opened from.
import { createEffect, createUniqueId, type JSX, onCleanup, Show } from 'solid-js';
import { isRendered } from './is-rendered';
import { wrapTabFocus } from './wrap-tab-focus';

export interface ModalDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly onClose: () => void;
  readonly children: JSX.Element;
}

export function ModalDialog(props: ModalDialogProps) {
  let dialog: HTMLDialogElement | undefined;
  let opener: Element | null = null;
  createEffect(() => {
    if (dialog === undefined) return;
    if (props.open && !dialog.open) {
      opener = document.activeElement;
      dialog.showModal();
    }
    if (!props.open && dialog.open) dialog.close();
  });
  onCleanup(() => dialog?.close());
  const titleId = createUniqueId();
  return (
    <dialog
      ref={dialog}
      class="modal"
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (dialog !== undefined) wrapTabFocus(event, dialog);
      }}
      onClose={() => {
        props.onClose();
        if (dialog !== undefined) returnFocus(dialog, opener);
      }}
    >
      {/* Its content exists only while open: a closed dialog's fields are not on the page. */}
      <Show when={props.open}>
        <div class="modal-content">
          <h2 id={titleId}>{props.title}</h2>
          {props.children}
        </div>
      </Show>
    </dialog>
  );
}

/**
 * The browser gives focus back to the opener, but a dialog is often opened
 * from a menu that closed as it did so: then the menu's own button takes it,
 * so a keyboard user carries on from where they were rather than from the
 * top of the page.
 */
function returnFocus(dialog: HTMLDialogElement, opener: Element | null): void {
  const now = document.activeElement;
  const settled = now !== null && now !== document.body && !dialog.contains(now) && isRendered(now);
  if (settled || opener === null || !opener.isConnected) return;
  const target = isRendered(opener) ? opener : opener.closest('details')?.querySelector('summary');
  if (target instanceof HTMLElement) target.focus();
}
