// Where the person is signed in, and ending any of those sessions.
import { createResource, For, Show } from 'solid-js';
import { endSession, listSessions, type SessionInfo } from '../api-client/account-api';
import { signOut } from '../auth/session-store';
import { createAction } from '../ui/create-action';
import { errorMessage } from '../ui/error-message';
import { FormError } from '../ui/form-error';
import { TimeAgo } from '../ui/time-ago';
import { SettingsSection } from './settings-section';

/** "Firefox on Linux" from a user agent, roughly; the full string is in the title. */
export function deviceName(userAgent: string | null): string {
  if (userAgent === null || userAgent === '') return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'A browser';
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Mac OS X/.test(userAgent)
        ? 'macOS'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : 'an unknown system';
  return `${browser} on ${system}`;
}

export function SessionList() {
  const [sessions, { refetch }] = createResource(listSessions);
  const end = createAction(async (target: SessionInfo) => {
    await endSession(target.id);
    if (target.current) await signOut('You signed out of this browser.');
    else await refetch();
  });
  return (
    <SettingsSection id="sessions" title="Sessions">
      <p class="muted small">Each browser or app where you are logged in.</p>
      <Show when={!sessions.error} fallback={<FormError message={errorMessage(sessions.error)} />}>
        <ul class="session-list">
          <For each={sessions()}>
            {(item) => (
              <li class="session">
                <span>
                  <strong title={item.userAgent ?? ''}>{deviceName(item.userAgent)}</strong>
                  {item.current ? ' (this browser)' : ''}
                  <br />
                  <span class="muted small">
                    {item.ip ?? 'unknown address'} · last active{' '}
                    <TimeAgo at={new Date(item.lastUsedAt)} />
                  </span>
                </span>
                <button
                  type="button"
                  class="button small"
                  disabled={end.busy()}
                  onClick={() => void end.run(item)}
                >
                  {item.current ? 'Log out' : 'End session'}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <FormError message={end.error()} />
    </SettingsSection>
  );
}
