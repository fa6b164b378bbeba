// "Are you sure?" for actions that are hard to take back, with the action's
// error shown in place.
import type { JSX } from 'solid-js';
import { createAction } from './create-action';
import { FormError } from './form-error';
import { ModalDialog } from './modal-dialog';

export interface ConfirmDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly confirmLabel: string;
  readonly onClose: () => void;
  readonly onConfirm: () => Promise<void>;
  readonly children?: JSX.Element;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const confirm = createAction(async () => {
    await props.onConfirm();
    props.onClose();
  });
  return (
    <ModalDialog open={props.open} title={props.title} onClose={props.onClose}>
      {props.children}
      <FormError message={confirm.error()} />
      <div class="dialog-actions">
        <button type="button" class="button ghost" onClick={() => props.onClose()}>
          Cancel
        </button>
        <button
          type="button"
          class="button danger"
          disabled={confirm.busy()}
          onClick={() => void confirm.run()}
        >
          {props.confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
