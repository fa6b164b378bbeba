// The account at the API: the username, the email used for password resets,
// and the password.
import { createEffect, createSignal, on, Show } from 'solid-js';
import { changeEmail, changePassword } from '../api-client/account-api';
import { ApiError } from '../api-client/api-error';
import { session, signedIn, signOut } from '../auth/session-store';
import { createAction } from '../ui/create-action';
import { CurrentPasswordField } from '../ui/current-password-field';
import { createFieldProblems } from '../ui/field-problems';
import { FormError } from '../ui/form-error';
import { TextField } from '../ui/text-field';
import { emailChangeProblem } from './email-change-problem';
import { SettingsSection } from './settings-section';
import { UsernameChange } from './username-change';

/** The address reset links go to; changing it needs the password, as the API asks. */
function EmailChange() {
  const [email, setEmail] = createSignal('');
  createEffect(
    on(
      () => session()?.user.email,
      (current) => setEmail(current ?? ''),
    ),
  );
  const [password, setPassword] = createSignal('');
  const problems = createFieldProblems(['email', 'password'] as const);
  const [busy, setBusy] = createSignal(false);
  const [saved, setSaved] = createSignal(false);

  const submit = async () => {
    if (busy()) return;
    setSaved(false);
    const wanted = email().trim() === '' ? null : email().trim();
    if (wanted?.toLowerCase() === session()?.user.email) {
      problems.refuse({ field: 'email', message: 'That is already your email address.' });
      return;
    }
    problems.clear();
    setBusy(true);
    try {
      const user = await changeEmail(wanted, password());
      const now = session();
      if (now) signedIn({ ...now, user });
      setPassword('');
      setSaved(true);
    } catch (error) {
      problems.refuse(emailChangeProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="stack"
      aria-labelledby="email-change-title"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 id="email-change-title">Change email</h3>
      <TextField
        id={problems.id('email')}
        label="Email"
        name="email"
        type="email"
        autocomplete="email"
        hint="Used only to send you password reset links. Leave empty to remove it."
        value={email()}
        error={problems.at('email')}
        onInput={(event) => setEmail(event.currentTarget.value)}
      />
      <CurrentPasswordField
        id={problems.id('password')}
        label="Your password"
        name="email-change-password"
        hint="To confirm it is you. Reset links sent before the change stop working."
        value={password()}
        error={problems.at('password')}
        onInput={(event) => setPassword(event.currentTarget.value)}
      />
      <FormError message={problems.at('form')} />
      <div class="row">
        <button type="submit" class="button" disabled={busy()}>
          {busy() ? 'Saving…' : 'Save email'}
        </button>
        <Show when={saved()}>
          <span role="status" class="muted">
            Saved.
          </span>
        </Show>
      </div>
    </form>
  );
}

export function AccountSettings() {
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
      <EmailChange />
      <UsernameChange />
      <h3>Change password</h3>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void savePassword.run();
        }}
      >
        <CurrentPasswordField
          label="Current password"
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
