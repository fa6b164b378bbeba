// Ampersounds waiting for review: listen, then approve or reject with a reason.
import { MODERATION_REASON_MAX_LENGTH } from '@kith/shared/limits';
import { createSignal, For, Show } from 'solid-js';
import { useLive } from '../live/live-context';
import type { RowOf } from '../live/live-rows';
import { SettingsSection } from '../settings/settings-section';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { ReasonDialog } from '../ui/reason-dialog';
import { TimeAgo } from '../ui/time-ago';
import type { AdminTables } from './admin-tables';

type SoundRow = RowOf<'adminSound'>;

export function SoundsPanel(props: { readonly admin: AdminTables }) {
  const { data, act } = useLive();
  const [rejecting, setRejecting] = createSignal<SoundRow | undefined>(undefined);
  const pending = () => props.admin.sounds.filter((row) => row.status === 'pending');
  const approve = createAction((row: SoundRow) =>
    act((r) => r.approveSound({ soundId: row.id, note: '' })),
  );
  return (
    <SettingsSection id="sounds" title="Sounds to review">
      <Show when={pending().length > 0} fallback={<p class="muted">No sounds are waiting.</p>}>
        <ul class="admin-list">
          <For each={pending()}>
            {(row) => {
              const owner = () => props.admin.account(row.ownerId.toHexString())?.username ?? '?';
              return (
                <li class="admin-item">
                  <p>
                    <strong>
                      &amp;{owner()}.{row.name}
                    </strong>{' '}
                    <span class="muted small">
                      <TimeAgo at={row.createdAt.toDate()} />
                    </span>
                  </p>
                  <Show when={data.media(row.mediaId)}>
                    {(media) => (
                      <audio controls preload="none" src={media().url}>
                        <track kind="captions" />
                      </audio>
                    )}
                  </Show>
                  <div class="row">
                    <button
                      type="button"
                      class="button small primary"
                      disabled={approve.busy()}
                      onClick={() => void approve.run(row)}
                    >
                      Approve
                    </button>
                    <button
                      type="button"
                      class="button small danger"
                      onClick={() => setRejecting(row)}
                    >
                      Reject
                    </button>
                  </div>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
      <FormError message={approve.error()} />
      <ReasonDialog
        open={rejecting() !== undefined}
        title="Reject sound"
        label="Reason (the owner can see it)"
        confirmLabel="Reject"
        danger
        maxLength={MODERATION_REASON_MAX_LENGTH}
        onClose={() => setRejecting(undefined)}
        onConfirm={(reason) => {
          const row = rejecting();
          return row === undefined
            ? Promise.resolve()
            : act((r) => r.rejectSound({ soundId: row.id, reason }));
        }}
      />
    </SettingsSection>
  );
}
