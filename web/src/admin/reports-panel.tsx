// Open reports, each with what was reported and the ways to deal with it:
// dismiss, remove the content, or ban its author.
import { MODERATION_REASON_MAX_LENGTH } from '@kith/shared/limits';
import { A } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { useLive } from '../live/live-context';
import type { RowOf } from '../live/live-rows';
import { displayNameOf } from '../profiles/display-name';
import { SettingsSection } from '../settings/settings-section';
import { EmptyState } from '../ui/empty-state';
import { ReasonDialog } from '../ui/reason-dialog';
import { TimeAgo } from '../ui/time-ago';
import type { AdminTables } from './admin-tables';

type Report = RowOf<'adminReport'>;

interface Decision {
  readonly report: Report;
  readonly kind: 'dismiss' | 'remove' | 'ban' | 'actioned';
}

export function ReportsPanel(props: { readonly admin: AdminTables }) {
  const { data, act } = useLive();
  const [decision, setDecision] = createSignal<Decision | undefined>(undefined);
  const open = () =>
    props.admin.reports
      .filter((row) => row.status === 'open')
      .sort((a, b) =>
        a.createdAt.microsSinceUnixEpoch < b.createdAt.microsSinceUnixEpoch ? -1 : 1,
      );
  const reportedPost = (id: string) =>
    props.admin.reportedPosts.find((row) => String(row.id) === id);
  const reportedComment = (id: string) =>
    props.admin.reportedComments.find((row) => String(row.id) === id);
  /**
   * The username a report is about: the account itself (kept by identity, so
   * a rename does not move the report), or the content's author.
   */
  const authorOf = (report: Report): string | undefined => {
    if (report.targetKind === 'account') {
      // Reports made before accounts were kept by identity name the username.
      return (
        props.admin.account(report.targetId)?.username ??
        props.admin.accountNamed(report.targetId)?.username
      );
    }
    const row =
      report.targetKind === 'post'
        ? reportedPost(report.targetId)
        : report.targetKind === 'comment'
          ? reportedComment(report.targetId)
          : undefined;
    return row === undefined
      ? undefined
      : props.admin.account(row.authorId.toHexString())?.username;
  };
  const decide = async (reason: string) => {
    const current = decision();
    if (current === undefined) return;
    const { report } = current;
    switch (current.kind) {
      case 'dismiss':
        return act((r) =>
          r.resolveReport({ reportId: report.id, outcome: 'dismissed', note: reason }),
        );
      case 'actioned':
        return act((r) =>
          r.resolveReport({ reportId: report.id, outcome: 'actioned', note: reason }),
        );
      case 'remove':
        return report.targetKind === 'post'
          ? act((r) => r.removePost({ postId: BigInt(report.targetId), reason }))
          : act((r) => r.removeComment({ commentId: BigInt(report.targetId), reason }));
      case 'ban': {
        const username = authorOf(report);
        if (username === undefined) return;
        await act((r) => r.banAccount({ username, reason }));
        if (report.targetKind !== 'account') {
          await act((r) =>
            r.resolveReport({ reportId: report.id, outcome: 'actioned', note: reason }),
          );
        }
      }
    }
  };
  const titles = {
    dismiss: 'Dismiss report',
    actioned: 'Mark as dealt with',
    remove: 'Remove content',
    ban: 'Ban author',
  };
  return (
    <SettingsSection id="reports" title="Reports">
      <Show
        when={open().length > 0}
        fallback={
          <EmptyState title="No open reports">
            <p>Reports members send appear here live.</p>
          </EmptyState>
        }
      >
        <ul class="admin-list">
          <For each={open()}>
            {(report) => (
              <li class="admin-item" data-report-id={String(report.id)}>
                <p>
                  <strong>
                    {displayNameOf(props.admin.account(report.reporterId.toHexString()))}
                  </strong>{' '}
                  reported a {report.targetKind} <TimeAgo at={report.createdAt.toDate()} />: “
                  {report.reason}”
                </p>
                <blockquote class="reported">
                  <Switch
                    fallback={
                      <span class="muted">
                        {report.targetKind} {report.targetId}
                      </span>
                    }
                  >
                    <Match when={report.targetKind === 'post' && reportedPost(report.targetId)}>
                      {(post) => (
                        <>
                          <A href={`/post/${post().id}`}>Post</A> by @{authorOf(report) ?? '?'}:{' '}
                          {post().text}
                        </>
                      )}
                    </Match>
                    <Match
                      when={report.targetKind === 'comment' && reportedComment(report.targetId)}
                    >
                      {(comment) => (
                        <>
                          Comment by @{authorOf(report) ?? '?'} on{' '}
                          <A href={`/post/${comment().postId}`}>a post</A>: {comment().text}
                        </>
                      )}
                    </Match>
                    <Match when={report.targetKind === 'account' && authorOf(report)}>
                      {(username) => (
                        <>
                          Account <A href={`/u/${username()}`}>@{username()}</A>
                        </>
                      )}
                    </Match>
                  </Switch>
                </blockquote>
                <div class="row wrap">
                  <button
                    type="button"
                    class="button small"
                    onClick={() => setDecision({ report, kind: 'dismiss' })}
                  >
                    Dismiss
                  </button>
                  <button
                    type="button"
                    class="button small"
                    onClick={() => setDecision({ report, kind: 'actioned' })}
                  >
                    Mark dealt with
                  </button>
                  <Show when={report.targetKind === 'post' || report.targetKind === 'comment'}>
                    <button
                      type="button"
                      class="button small danger"
                      onClick={() => setDecision({ report, kind: 'remove' })}
                    >
                      Remove {report.targetKind}
                    </button>
                  </Show>
                  <Show
                    when={
                      authorOf(report) !== undefined && authorOf(report) !== data.me()?.username
                    }
                  >
                    <button
                      type="button"
                      class="button small danger"
                      onClick={() => setDecision({ report, kind: 'ban' })}
                    >
                      Ban @{authorOf(report)}
                    </button>
                  </Show>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <ReasonDialog
        open={decision() !== undefined}
        title={titles[decision()?.kind ?? 'dismiss']}
        label="Reason (kept in the audit log)"
        confirmLabel={titles[decision()?.kind ?? 'dismiss']}
        danger={decision()?.kind === 'remove' || decision()?.kind === 'ban'}
        maxLength={MODERATION_REASON_MAX_LENGTH}
        onClose={() => setDecision(undefined)}
        onConfirm={decide}
      />
    </SettingsSection>
  );
}
