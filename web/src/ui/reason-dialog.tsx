// Asks for a reason before an action that needs one (reporting, removing,
// banning), and shows the action's error inside the dialog.
import { createSignal, createUniqueId } from 'solid-js';
import { createAction } from './create-action';
import { FormError } from './form-error';
import { ModalDialog } from './modal-dialog';

export interface ReasonDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly label: string;
  readonly confirmLabel: string;
  readonly maxLength: number;
  readonly onClose: () => void;
  readonly onConfirm: (reason: string) => Promise<void>;
  readonly danger?: boolean;
}

export function ReasonDialog(props: ReasonDialogProps) {
  const id = createUniqueId();
  const [reason, setReason] = createSignal('');
  const confirm = createAction(async () => {
    await props.onConfirm(reason().trim());
    setReason('');
    props.onClose();
  });
  return (
    <ModalDialog open={props.open} title={props.title} onClose={props.onClose}>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void confirm.run();
        }}
      >
        <div class="field">
          <label for={id}>{props.label}</label>
          <textarea
            id={id}
            rows={3}
            required
            maxLength={props.maxLength}
            value={reason()}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
        </div>
        <FormError message={confirm.error()} />
        <div class="dialog-actions">
          <button type="button" class="button ghost" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button
            type="submit"
            class="button"
            classList={{ danger: props.danger === true, primary: props.danger !== true }}
            disabled={confirm.busy() || reason().trim() === ''}
          >
            {props.confirmLabel}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
