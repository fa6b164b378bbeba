import { A, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { ApiError } from '../api-client/api-error';
import { confirmPasswordReset } from '../api-client/auth-api';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { usePageTitle } from '../ui/page-title';
import { TextField } from '../ui/text-field';
import { AuthCard } from './auth-card';

export default function ResetPasswordPage() {
  usePageTitle(() => 'Choose a new password');
  const [params] = useSearchParams<{ token?: string }>();
  const [password, setPassword] = createSignal('');
  const [problem, setProblem] = createSignal<string | undefined>(undefined);
  const [done, setDone] = createSignal(false);
  const reset = createAction(async () => {
    setProblem(undefined);
    try {
      await confirmPasswordReset(params.token ?? '', password());
    } catch (error) {
      if (error instanceof ApiError) setProblem(error.problemWith('newPassword'));
      throw error;
    }
    setDone(true);
  });
  return (
    <AuthCard title="Choose a new password">
      <Show
        when={!done()}
        fallback={
          <p class="notice" role="status">
            Your password is changed and every session of your account has ended.{' '}
            <A href="/login">Log in</A> with the new one.
          </p>
        }
      >
        <Show
          when={params.token}
          fallback={<p class="form-error">This page needs the link from the reset message.</p>}
        >
          <form
            class="stack"
            onSubmit={(event) => {
              event.preventDefault();
              void reset.run();
            }}
          >
            <TextField
              label="New password"
              name="newPassword"
              type="password"
              autocomplete="new-password"
              required
              minLength={10}
              hint="At least 10 characters, not a common password."
              value={password()}
              error={problem()}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
            <FormError message={problem() ? undefined : reset.error()} />
            <button class="button primary" type="submit" disabled={reset.busy()}>
              {reset.busy() ? 'Saving…' : 'Set new password'}
            </button>
          </form>
        </Show>
      </Show>
    </AuthCard>
  );
}
