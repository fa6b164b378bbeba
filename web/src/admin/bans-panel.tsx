// Banning and muting members by username, and lifting bans and mutes.
import { MODERATION_REASON_MAX_LENGTH } from '@kith/shared/limits';
import { createSignal, For, Show } from 'solid-js';
import { useLive } from '../live/live-context';
import { displayNameOf } from '../profiles/display-name';
import { SettingsSection } from '../settings/settings-section';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { ReasonDialog } from '../ui/reason-dialog';
import { TextField } from '../ui/text-field';
import { TimeAgo } from '../ui/time-ago';
import type { AdminTables } from './admin-tables';

type Lift = { readonly kind: 'unban' | 'unmute'; readonly username: string };

export function BansPanel(props: { readonly admin: AdminTables }) {
  const { act } = useLive();
  const [username, setUsername] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [minutes, setMinutes] = createSignal(60);
  const [lift, setLift] = createSignal<Lift | undefined>(undefined);
  const target = () => username().trim().replace(/^@/, '').toLowerCase();
  const ban = createAction(async () => {
    await act((r) => r.banAccount({ username: target(), reason: reason().trim() }));
    setUsername('');
    setReason('');
  });
  const mute = createAction(async () => {
    await act((r) =>
      r.muteAccount({ username: target(), minutes: minutes(), reason: reason().trim() }),
    );
    setUsername('');
    setReason('');
  });
  /** Named from every account (admin_account): one in a block with the admin is not in member views. */
  const nameOf = (identity: { toHexString(): string }) => {
    const account = props.admin.account(identity.toHexString());
    return account === undefined ? `${identity.toHexString().slice(0, 12)}…` : account.username;
  };
  const ready = () => target() !== '' && reason().trim() !== '';
  return (
    <SettingsSection id="moderation" title="Bans and mutes">
      <form class="stack" onSubmit={(event) => event.preventDefault()}>
        <TextField
          label="Username"
          autocapitalize="none"
          spellcheck={false}
          value={username()}
          onInput={(event) => setUsername(event.currentTarget.value)}
        />
        <TextField
          label="Reason (kept in the audit log)"
          value={reason()}
          maxLength={MODERATION_REASON_MAX_LENGTH}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
        <div class="row wrap">
          <button
            type="button"
            class="button danger"
            disabled={!ready() || ban.busy()}
            onClick={() => void ban.run()}
          >
            Ban
          </button>
          <div class="field inline">
            <label for="mute-minutes">Mute for (minutes)</label>
            <input
              id="mute-minutes"
              type="number"
              min="1"
              value={minutes()}
              onInput={(event) => setMinutes(Number(event.currentTarget.value) || 1)}
            />
          </div>
          <button
            type="button"
            class="button"
            disabled={!ready() || mute.busy()}
            onClick={() => void mute.run()}
          >
            Mute
          </button>
        </div>
        <FormError message={ban.error() ?? mute.error()} />
      </form>
      <h3>Banned</h3>
      <Show when={props.admin.bans.length > 0} fallback={<p class="muted">Nobody is banned.</p>}>
        <ul class="admin-list">
          <For each={props.admin.bans}>
            {(row) => (
              <li class="admin-item row">
                <span>
                  <strong>@{nameOf(row.identity)}</strong> by{' '}
                  {displayNameOf(props.admin.account(row.bannedBy.toHexString()))}{' '}
                  <TimeAgo at={row.bannedAt.toDate()} />: {row.reason}
                </span>
                <button
                  type="button"
                  class="button small"
                  onClick={() => setLift({ kind: 'unban', username: nameOf(row.identity) })}
                >
                  Unban
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h3>Muted</h3>
      <Show when={props.admin.mutes.length > 0} fallback={<p class="muted">Nobody is muted.</p>}>
        <ul class="admin-list">
          <For each={props.admin.mutes}>
            {(row) => (
              <li class="admin-item row">
                <span>
                  <strong>@{nameOf(row.identity)}</strong> until{' '}
                  {row.until.toDate().toLocaleString()}: {row.reason}
                </span>
                <button
                  type="button"
                  class="button small"
                  onClick={() => setLift({ kind: 'unmute', username: nameOf(row.identity) })}
                >
                  Unmute
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <ReasonDialog
        open={lift() !== undefined}
        title={
          lift()?.kind === 'unban' ? `Unban @${lift()?.username}` : `Unmute @${lift()?.username}`
        }
        label="Reason (kept in the audit log)"
        confirmLabel={lift()?.kind === 'unban' ? 'Unban' : 'Unmute'}
        maxLength={MODERATION_REASON_MAX_LENGTH}
        onClose={() => setLift(undefined)}
        onConfirm={(why) => {
          const current = lift();
          if (current === undefined) return Promise.resolve();
          return current.kind === 'unban'
            ? act((r) => r.unbanAccount({ username: current.username, reason: why }))
            : act((r) => r.unmuteAccount({ username: current.username, reason: why }));
        }}
      />
    </SettingsSection>
  );
}
