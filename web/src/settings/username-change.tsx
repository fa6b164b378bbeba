// Changing the username: the new name under sign-up's rules, confirmed with
// the password. The API renames the account in the module at once, so
// friends see the new name live; the page then renews its ID token, whose
// claims the module applies to the account at every (re)connection.
import { createSignal, Show } from 'solid-js';
import { changeUsername } from '../api-client/account-api';
import { session, signedIn } from '../auth/session-store';
import { useIdTokens } from '../connection/id-token-context';
import { CurrentPasswordField } from '../ui/current-password-field';
import { createFieldProblems } from '../ui/field-problems';
import { FormError } from '../ui/form-error';
import { UsernameField } from '../ui/username-field';
import { FormerUsernames } from './former-usernames';
import { checkNewUsername, usernameChangeProblem } from './username-change-problem';

export function UsernameChange() {
  const tokens = useIdTokens();
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const problems = createFieldProblems(['username', 'password'] as const);
  const [busy, setBusy] = createSignal(false);
  const [changedTo, setChangedTo] = createSignal<string | undefined>(undefined);

  const submit = async () => {
    if (busy()) return;
    const current = session();
    if (!current) return;
    setChangedTo(undefined);
    const early = checkNewUsername(username(), current.user.username);
    if (early) {
      problems.refuse(early);
      return;
    }
    problems.clear();
    setBusy(true);
    try {
      const user = await changeUsername(username().trim().toLowerCase(), password());
      const now = session();
      if (now) signedIn({ ...now, user });
      setUsername('');
      setPassword('');
      setChangedTo(user.username);
      // The current token still names the old username; a reconnect with it
      // would take the old name back. A failure here only means the next
      // connection fetches its own token.
      await tokens.renewNow().catch(() => undefined);
    } catch (error) {
      problems.refuse(usernameChangeProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form
        class="stack"
        aria-labelledby="username-change-title"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h3 id="username-change-title">Change username</h3>
        <p class="muted">
          Your username is <strong>@{session()?.user.username}</strong>. Friends mention you with
          it, and your profile lives at /u/{session()?.user.username}. After a change, links and
          mentions with the old name still lead to you until someone else takes it.
        </p>
        <UsernameField
          id={problems.id('username')}
          label="New username"
          name="new-username"
          value={username()}
          error={problems.at('username')}
          onInput={(event) => setUsername(event.currentTarget.value)}
        />
        <CurrentPasswordField
          id={problems.id('password')}
          label="Your password"
          name="username-change-password"
          hint="To confirm it is you."
          value={password()}
          error={problems.at('password')}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        <FormError message={problems.at('form')} />
        <div class="row">
          <button type="submit" class="button" disabled={busy()}>
            {busy() ? 'Changing…' : 'Change username'}
          </button>
          <Show when={changedTo()}>
            {(name) => (
              <span role="status" class="muted">
                Done. You are now @{name()}, and your friends see it already.
              </span>
            )}
          </Show>
        </div>
      </form>
      <FormerUsernames />
    </>
  );
}
