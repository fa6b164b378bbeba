// A modal dialog on the browser's own <dialog>: it traps focus, closes on
// Escape and returns focus to where it was opened from.
import { createEffect, createUniqueId, type JSX, onCleanup, Show } from 'solid-js';

export interface ModalDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly onClose: () => void;
  readonly children: JSX.Element;
}

export function ModalDialog(props: ModalDialogProps) {
  let dialog: HTMLDialogElement | undefined;
  createEffect(() => {
    if (dialog === undefined) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  });
  onCleanup(() => dialog?.close());
  const titleId = createUniqueId();
  return (
    <dialog ref={dialog} class="modal" aria-labelledby={titleId} onClose={() => props.onClose()}>
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
