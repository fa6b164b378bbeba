import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { logIn } from '../api-client/auth-api';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { usePageTitle } from '../ui/page-title';
import { TextField } from '../ui/text-field';
import { AuthCard } from './auth-card';
import { safeNext } from './safe-next';
import { logOutProblem, retryLogOut, signedIn, signOutNotice } from './session-store';

export default function LoginPage() {
  usePageTitle(() => 'Log in');
  const navigate = useNavigate();
  const [params] = useSearchParams<{ next?: string }>();
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const login = createAction(async () => {
    signedIn(await logIn(username().trim(), password()));
    navigate(safeNext(params.next), { replace: true });
  });
  const logOutAgain = createAction(retryLogOut);
  return (
    <AuthCard title="Log in to Kith">
      <Show when={signOutNotice()}>
        {(notice) => (
          <p class="notice" role="status">
            {notice()}
          </p>
        )}
      </Show>
      <Show when={logOutProblem()}>
        {(problem) => (
          <div class="notice stack">
            <p role="alert">{problem()}</p>
            <FormError message={logOutAgain.error()} />
            <div class="row">
              <button
                type="button"
                class="button"
                disabled={logOutAgain.busy()}
                onClick={() => void logOutAgain.run()}
              >
                {logOutAgain.busy() ? 'Logging out…' : 'Try logging out again'}
              </button>
            </div>
          </div>
        )}
      </Show>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void login.run();
        }}
      >
        <TextField
          label="Username"
          name="username"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
          value={username()}
          onInput={(event) => setUsername(event.currentTarget.value)}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password()}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        <FormError message={login.error()} />
        <button class="button primary" type="submit" disabled={login.busy()}>
          {login.busy() ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p class="auth-links">
        <A href="/forgot-password">Forgot your password?</A>
      </p>
      <p class="muted small">Kith is invite-only: to join, ask a friend for an invite link.</p>
    </AuthCard>
  );
}
