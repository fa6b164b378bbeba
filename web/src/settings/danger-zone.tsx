// Leaving Kith: deleting the account and everything in it, after the password.
import { useNavigate } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { deleteAccount } from '../api-client/account-api';
import { sessionEnded } from '../auth/session-store';
import { createAction } from '../ui/create-action';
import { CurrentPasswordField } from '../ui/current-password-field';
import { FormError } from '../ui/form-error';
import { ModalDialog } from '../ui/modal-dialog';
import { SettingsSection } from './settings-section';

export function DangerZone() {
  const navigate = useNavigate();
  const [open, setOpen] = createSignal(false);
  const [password, setPassword] = createSignal('');
  const remove = createAction(async () => {
    await deleteAccount(password());
    sessionEnded('Your account has been deleted. Thank you for having been part of Kith.');
    navigate('/login', { replace: true });
  });
  return (
    <SettingsSection id="delete" title="Delete account">
      <p>
        Deleting your account removes your profile, posts, comments, reactions, friendships and
        uploads for good. Download your data first if you want to keep it.
      </p>
      <button type="button" class="button danger" onClick={() => setOpen(true)}>
        Delete my account…
      </button>
      <ModalDialog
        open={open()}
        title="Delete your account for good?"
        onClose={() => setOpen(false)}
      >
        <form
          class="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void remove.run();
          }}
        >
          <p>This cannot be undone. Enter your password to confirm.</p>
          <CurrentPasswordField
            label="Password"
            value={password()}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
          <FormError message={remove.error()} />
          <div class="dialog-actions">
            <button type="button" class="button ghost" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button
              type="submit"
              class="button danger"
              disabled={remove.busy() || password() === ''}
            >
              {remove.busy() ? 'Deleting…' : 'Delete my account'}
            </button>
          </div>
        </form>
      </ModalDialog>
    </SettingsSection>
  );
}
