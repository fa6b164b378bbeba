// The account at the API: the username, the email used for password resets,
// and the password.
import { createEffect, createSignal, on, Show } from 'solid-js';
import { changePassword, updateAccount } from '../api-client/account-api';
import { ApiError } from '../api-client/api-error';
import { session, signedIn, signOut } from '../auth/session-store';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { TextField } from '../ui/text-field';
import { SettingsSection } from './settings-section';
import { UsernameChange } from './username-change';

export function AccountSettings() {
  const [email, setEmail] = createSignal('');
  createEffect(
    on(
      () => session()?.user.email,
      (current) => setEmail(current ?? ''),
    ),
  );
  const [emailSaved, setEmailSaved] = createSignal(false);
  const saveEmail = createAction(async () => {
    setEmailSaved(false);
    const user = await updateAccount({ email: email().trim() === '' ? null : email().trim() });
    const current = session();
    if (current) signedIn({ ...current, user });
    setEmailSaved(true);
  });

  const [currentPassword, setCurrentPassword] = createSignal('');
  const [newPassword, setNewPassword] = createSignal('');
  const [passwordProblem, setPasswordProblem] = createSignal<string | undefined>(undefined);
  const [passwordSaved, setPasswordSaved] = createSignal(false);
  const savePassword = createAction(async () => {
    setPasswordSaved(false);
    setPasswordProblem(undefined);
    try {
      await changePassword(currentPassword(), newPassword());
    } catch (error) {
      if (error instanceof ApiError) setPasswordProblem(error.problemWith('newPassword'));
      throw error;
    }
    setCurrentPassword('');
    setNewPassword('');
    setPasswordSaved(true);
  });

  return (
    <SettingsSection id="account" title="Account">
      <div class="row wrap">
        <p class="muted spacer">
          Signed in as <strong>@{session()?.user.username}</strong>
          {session()?.user.role === 'admin' ? ' (admin)' : ''}.
        </p>
        <button type="button" class="button" onClick={() => void signOut('You have logged out.')}>
          Log out
        </button>
      </div>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void saveEmail.run();
        }}
      >
        <TextField
          label="Email"
          type="email"
          autocomplete="email"
          hint="Used only to send you password reset links. Leave empty to remove it."
          value={email()}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
        <FormError message={saveEmail.error()} />
        <div class="row">
          <button type="submit" class="button" disabled={saveEmail.busy()}>
            Save email
          </button>
          <Show when={emailSaved()}>
            <span role="status" class="muted">
              Saved.
            </span>
          </Show>
        </div>
      </form>
      <UsernameChange />
      <h3>Change password</h3>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void savePassword.run();
        }}
      >
        <TextField
          label="Current password"
          type="password"
          autocomplete="current-password"
          required
          value={currentPassword()}
          onInput={(event) => setCurrentPassword(event.currentTarget.value)}
        />
        <TextField
          label="New password"
          type="password"
          autocomplete="new-password"
          required
          minLength={10}
          hint="At least 10 characters. Your other sessions will end."
          error={passwordProblem()}
          value={newPassword()}
          onInput={(event) => setNewPassword(event.currentTarget.value)}
        />
        <FormError message={passwordProblem() ? undefined : savePassword.error()} />
        <div class="row">
          <button type="submit" class="button" disabled={savePassword.busy()}>
            Change password
          </button>
          <Show when={passwordSaved()}>
            <span role="status" class="muted">
              Password changed. Your other sessions have ended.
            </span>
          </Show>
        </div>
      </form>
    </SettingsSection>
  );
}
