import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { requestPasswordReset } from '../api-client/auth-api';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { usePageTitle } from '../ui/page-title';
import { TextField } from '../ui/text-field';
import { AuthCard } from './auth-card';

export default function ForgotPasswordPage() {
  usePageTitle(() => 'Forgot password');
  const [login, setLogin] = createSignal('');
  const [sent, setSent] = createSignal(false);
  const request = createAction(async () => {
    await requestPasswordReset(login().trim());
    setSent(true);
  });
  return (
    <AuthCard title="Reset your password">
      <Show
        when={!sent()}
        fallback={
          <p class="notice" role="status">
            If that account exists, a reset link is on its way to its email address. (Without an
            email address on the account, ask your Kith admin: the link is in the server log.)
          </p>
        }
      >
        <form
          class="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void request.run();
          }}
        >
          <TextField
            label="Username or email"
            name="login"
            autocomplete="username"
            autocapitalize="none"
            required
            value={login()}
            onInput={(event) => setLogin(event.currentTarget.value)}
          />
          <FormError message={request.error()} />
          <button class="button primary" type="submit" disabled={request.busy()}>
            {request.busy() ? 'Sending…' : 'Send reset link'}
          </button>
        </form>
      </Show>
      <p class="auth-links">
        <A href="/login">Back to log in</A>
      </p>
    </AuthCard>
  );
}
