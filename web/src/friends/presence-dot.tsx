// A friend's presence: a dot (green online, amber idle) and, in words,
// when they were last around.
import { Show } from 'solid-js';
import { useLive } from '../live/live-context';
import { TimeAgo } from '../ui/time-ago';

export function PresenceDot(props: { readonly hex: string }) {
  const { data } = useLive();
  const status = () => data.presence(props.hex)?.status;
  return (
    <Show when={status()}>
      {(current) => (
        <span class="presence" data-status={current()}>
          <span class="presence-dot" aria-hidden="true" />
          <span class="visually-hidden">{current()}</span>
        </span>
      )}
    </Show>
  );
}

export function LastSeen(props: { readonly hex: string }) {
  const { data } = useLive();
  const presence = () => data.presence(props.hex);
  return (
    <Show when={presence()}>
      {(row) => (
        <span class="last-seen muted small">
          <Show
            when={row().status !== 'offline'}
            fallback={<TimeAgo prefix="last seen " at={row().lastSeen.toDate()} />}
          >
            {row().status === 'online' ? 'online now' : 'idle'}
          </Show>
        </span>
      )}
    </Show>
  );
}
