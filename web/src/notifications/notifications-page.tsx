// Notifications, grouped by day; unread ones stand out and become read when
// opened, or all at once.
import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { useLive } from '../live/live-context';
import type { Notification } from '../live/live-rows';
import { AccountAvatar } from '../profiles/account-avatar';
import { displayNameOf } from '../profiles/display-name';
import { createAction } from '../ui/create-action';
import { EmptyState } from '../ui/empty-state';
import { FormError } from '../ui/form-error';
import { now } from '../ui/now';
import { usePageTitle } from '../ui/page-title';
import { TimeAgo } from '../ui/time-ago';
import { groupByDay } from './day-groups';
import { describeNotification, notificationHref } from './describe-notification';

export default function NotificationsPage() {
  const { data, act } = useLive();
  usePageTitle(() =>
    data.unreadCount() > 0 ? `Notifications (${data.unreadCount()})` : 'Notifications',
  );
  const groups = createMemo(() =>
    groupByDay(
      data.tables.notifications.map((row) => ({ at: row.updatedAt.toDate(), row })),
      new Date(now()),
    ),
  );
  // The lists below are keyed by label and by id, not by the row objects: a
  // changed row (read, one more actor) is a new object, and keying by it
  // would rebuild the item and drop the focus of whoever is on it.
  const rowsById = createMemo(
    () => new Map(data.tables.notifications.map((row) => [String(row.id), row])),
  );
  const idsOf = (label: string) =>
    groups()
      .find((group) => group.label === label)
      ?.items.map((item) => String(item.row.id)) ?? [];
  let heading: HTMLHeadingElement | undefined;
  const markAll = createAction(async () => {
    await act((r) => r.markAllNotificationsRead({}));
    // The button goes away once nothing is unread; focus must not go with it.
    if (document.activeElement === null || document.activeElement === document.body) {
      heading?.focus();
    }
  });
  return (
    <div class="notifications-page stack-large">
      <div class="page-heading">
        <h1 class="page-title" tabindex="-1" ref={heading}>
          Notifications
        </h1>
        <Show when={data.unreadCount() > 0}>
          <button
            type="button"
            class="button small"
            disabled={markAll.busy()}
            onClick={() => void markAll.run()}
          >
            Mark all as read
          </button>
        </Show>
      </div>
      <FormError message={markAll.error()} />
      <Show
        when={groups().length > 0}
        fallback={
          <EmptyState title="Nothing new">
            <p>When friends react, comment, mention you or send requests, you will see it here.</p>
          </EmptyState>
        }
      >
        <For each={groups().map((group) => group.label)}>
          {(label) => (
            <section aria-label={label}>
              <h2 class="section-title">{label}</h2>
              <ul class="card notification-list">
                <For each={idsOf(label)}>
                  {(id) => (
                    <Show when={rowsById().get(id)}>
                      {(row) => <NotificationItem row={row()} />}
                    </Show>
                  )}
                </For>
              </ul>
            </section>
          )}
        </For>
      </Show>
    </div>
  );
}

function NotificationItem(props: { readonly row: Notification }) {
  const { data, act } = useLive();
  const actors = () => props.row.actorIds.map((id) => data.account(id.toHexString()));
  const facts = () => ({
    kind: props.row.kind,
    actorNames: actors().map(displayNameOf),
    actorCount: props.row.actorCount,
    postId: props.row.postId,
    commentId: props.row.commentId,
    firstActorUsername: actors()[0]?.username,
  });
  const mark = createAction(() =>
    act((r) => r.markNotificationRead({ notificationId: props.row.id })),
  );
  const markRead = () => {
    if (!props.row.read) void mark.run();
  };
  let link: HTMLAnchorElement | undefined;
  return (
    <li class="notification" classList={{ unread: !props.row.read }}>
      <AccountAvatar account={actors()[0]} />
      {/* The link and, under it, why marking it read failed. */}
      <div class="notification-text">
        <A ref={link} href={notificationHref(facts())} class="notification-text" onClick={markRead}>
          <span>{describeNotification(facts())}</span>
          <span class="muted small">
            <TimeAgo at={props.row.updatedAt.toDate()} />
            <Show when={!props.row.read}>
              <span class="visually-hidden">, unread</span>
            </Show>
          </span>
        </A>
        <FormError message={mark.error()} />
      </div>
      <Show when={!props.row.read}>
        <button
          type="button"
          class="button ghost small"
          disabled={mark.busy()}
          onClick={() => {
            // The button goes away once read; focus stays with the notification.
            link?.focus();
            markRead();
          }}
        >
          Mark read
        </button>
      </Show>
    </li>
  );
}
