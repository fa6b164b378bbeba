import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { ApiError } from '../api-client/api-error';
import { signUp } from '../api-client/auth-api';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { usePageTitle } from '../ui/page-title';
import { TextField } from '../ui/text-field';
import { USERNAME_RULES_HINT, UsernameField } from '../ui/username-field';
import { AuthCard } from './auth-card';
import { signedIn } from './session-store';

export default function SignUpPage() {
  usePageTitle(() => 'Join');
  const navigate = useNavigate();
  const [params] = useSearchParams<{ invite?: string }>();
  const [invite, setInvite] = createSignal(params.invite ?? '');
  const [username, setUsername] = createSignal('');
  const [displayName, setDisplayName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [problems, setProblems] = createSignal<ApiError | undefined>(undefined);
  const join = createAction(async () => {
    setProblems(undefined);
    try {
      signedIn(
        await signUp({
          inviteCode: invite().trim(),
          username: username().trim().toLowerCase(),
          password: password(),
          ...(displayName().trim() === '' ? {} : { displayName: displayName().trim() }),
          ...(email().trim() === '' ? {} : { email: email().trim() }),
        }),
      );
    } catch (error) {
      if (error instanceof ApiError) setProblems(error);
      throw error;
    }
    navigate('/', { replace: true });
  });
  const problem = (field: string) => problems()?.problemWith(field);
  return (
    <AuthCard title="Join Kith">
      <Show
        when={params.invite}
        fallback={<p class="muted">Paste the invite code a friend sent you.</p>}
      >
        <p class="muted">A friend invited you. Choose how you will appear to them.</p>
      </Show>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void join.run();
        }}
      >
        <Show when={!params.invite}>
          <TextField
            label="Invite code"
            name="invite"
            required
            value={invite()}
            error={problem('inviteCode')}
            onInput={(event) => setInvite(event.currentTarget.value)}
          />
        </Show>
        <UsernameField
          label="Username"
          name="username"
          hint={`${USERNAME_RULES_HINT} Friends mention you as @name.`}
          value={username()}
          error={problem('username')}
          onInput={(event) => setUsername(event.currentTarget.value)}
        />
        <TextField
          label="Display name (optional)"
          name="displayName"
          autocomplete="name"
          maxLength={50}
          value={displayName()}
          error={problem('displayName')}
          onInput={(event) => setDisplayName(event.currentTarget.value)}
        />
        <TextField
          label="Email (optional)"
          name="email"
          type="email"
          autocomplete="email"
          hint="Only for resetting your password."
          value={email()}
          error={problem('email')}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minLength={10}
          hint="At least 10 characters, not a common password."
          value={password()}
          error={problem('password')}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        <FormError
          message={
            (problems()?.fieldProblems().length ?? 0) > 0
              ? 'Check the fields marked above.'
              : join.error()
          }
        />
        <button class="button primary" type="submit" disabled={join.busy()}>
          {join.busy() ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p class="auth-links">
        Already a member? <A href="/login">Log in</A>
      </p>
    </AuthCard>
  );
}
