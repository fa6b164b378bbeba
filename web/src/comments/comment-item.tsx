// One comment: who wrote it and when, its text, reactions, and what can be
// done with it (reply; edit and delete for its author, who can restore it for
// a while; delete for good for the post's author; report for others; remove
// for admins).

import { COMMENT_RESTORE_DAYS, COMMENT_TEXT_MAX_LENGTH } from '@kith/shared/limits';
import type { ReactionKind } from '@kith/shared/reactions';
import { A } from '@solidjs/router';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { useIsAdmin } from '../admin/use-is-admin';
import { useLive } from '../live/live-context';
import type { Comment, Post } from '../live/live-rows';
import { RemoveDialog } from '../moderation/remove-dialog';
import { ReactionBar } from '../posts/reaction-bar';
import { reactionCounts } from '../posts/reaction-counts';
import { AccountAvatar } from '../profiles/account-avatar';
import { displayNameOf } from '../profiles/display-name';
import { ReportDialog } from '../reports/report-dialog';
import { RichText } from '../rich-text/rich-text';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { Menu } from '../ui/menu';
import { TimeAgo } from '../ui/time-ago';
import { CommentForm } from './comment-form';

type Dialog = 'delete' | 'report' | 'remove' | undefined;

export function CommentItem(props: { readonly comment: Comment; readonly post: Post }) {
  const { data, act } = useLive();
  const isAdmin = useIsAdmin();
  const [replying, setReplying] = createSignal(false);
  let replyButton: HTMLButtonElement | undefined;
  // The reply box goes away with focus in it (sent, cancelled, Escape): focus goes back to Reply.
  const stopReplying = () => {
    setReplying(false);
    replyButton?.focus();
  };
  const [editing, setEditing] = createSignal(false);
  let menuButton: HTMLElement | undefined;
  // The editor goes away with focus in it (saved, cancelled, Escape): back to the menu it came from.
  const stopEditing = () => {
    setEditing(false);
    menuButton?.focus();
  };
  const [dialog, setDialog] = createSignal<Dialog>(undefined);
  const author = () => data.account(props.comment.authorId.toHexString());
  const mine = () => props.comment.authorId.toHexString() === data.myHex();
  const onMyPost = () => props.post.authorId.toHexString() === data.myHex();
  const id = () => props.comment.id;
  const react = (kind: ReactionKind) => act((r) => r.reactToComment({ commentId: id(), kind }));
  const unreact = () => act((r) => r.removeCommentReaction({ commentId: id() }));
  return (
    <Show
      when={props.comment.deletedAt === undefined}
      fallback={<p class="comment-tombstone muted">This comment was deleted.</p>}
    >
      <div class="comment" data-comment-id={String(id())}>
        <AccountAvatar account={author()} size="small" />
        <div class="comment-body">
          <p class="comment-byline small">
            <A href={`/u/${author()?.username ?? ''}`} class="comment-author">
              {displayNameOf(author())}
            </A>{' '}
            <span class="muted">
              <TimeAgo at={props.comment.createdAt.toDate()} />
              <Show when={props.comment.editedAt}> · edited</Show>
            </span>
          </p>
          <Show
            when={!editing()}
            fallback={<CommentEditor comment={props.comment} onDone={stopEditing} />}
          >
            <p class="comment-text">
              <RichText text={props.comment.text} authorUsername={author()?.username} />
            </p>
          </Show>
          <div class="comment-actions">
            <ReactionBar
              target="comment"
              counts={reactionCounts(data.commentStats(id()))}
              mine={data.myReaction(props.post.id, id())}
              react={react}
              unreact={unreact}
            />
            <button
              ref={replyButton}
              type="button"
              class="button ghost small"
              aria-expanded={replying()}
              onClick={() => setReplying(!replying())}
            >
              Reply
            </button>
            <Menu
              label="More actions for this comment"
              buttonRef={(button) => {
                menuButton = button;
              }}
            >
              <Show when={mine()}>
                <button type="button" onClick={() => setEditing(true)}>
                  Edit
                </button>
              </Show>
              <Show when={mine() || onMyPost()}>
                <button type="button" class="danger-text" onClick={() => setDialog('delete')}>
                  Delete
                </button>
              </Show>
              <Show when={!mine()}>
                <button type="button" onClick={() => setDialog('report')}>
                  Report
                </button>
              </Show>
              <Show when={isAdmin() && !mine()}>
                <button type="button" class="danger-text" onClick={() => setDialog('remove')}>
                  Remove (admin)
                </button>
              </Show>
            </Menu>
          </div>
          <Show when={replying()}>
            <CommentForm
              postId={props.post.id}
              parentId={id()}
              label={`Reply to ${displayNameOf(author())}`}
              placeholder={`Reply to ${displayNameOf(author())}…`}
              autofocus
              onDone={stopReplying}
            />
          </Show>
        </div>
      </div>
      <ConfirmDialog
        open={dialog() === 'delete'}
        title="Delete this comment?"
        confirmLabel="Delete"
        onClose={() => setDialog(undefined)}
        onConfirm={() => act((r) => r.deleteComment({ commentId: id() }))}
      >
        <Show
          when={mine()}
          fallback={<p>Its author will not be able to restore it. Replies to it stay.</p>}
        >
          <p>
            Only you will see it, in its place, and you can restore it for {COMMENT_RESTORE_DAYS}{' '}
            days. Replies to it stay.
          </p>
        </Show>
      </ConfirmDialog>
      <ReportDialog
        open={dialog() === 'report'}
        title="Report this comment"
        targetKind="comment"
        targetId={String(id())}
        onClose={() => setDialog(undefined)}
      />
      <RemoveDialog
        open={dialog() === 'remove'}
        target={{ kind: 'comment', commentId: id() }}
        onClose={() => setDialog(undefined)}
      />
    </Show>
  );
}

function CommentEditor(props: { readonly comment: Comment; readonly onDone: () => void }) {
  const { act } = useLive();
  const id = createUniqueId();
  const [text, setText] = createSignal(props.comment.text);
  const save = createAction(async () => {
    await act((r) => r.editComment({ commentId: props.comment.id, text: text() }));
    props.onDone();
  });
  return (
    <form
      class="comment-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      <label class="visually-hidden" for={id}>
        Edit your comment
      </label>
      <textarea
        id={id}
        rows={2}
        value={text()}
        ref={(element) => queueMicrotask(() => element.focus())}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') props.onDone();
        }}
      />
      <div class="row">
        <span class="spacer" />
        <button type="button" class="button ghost small" onClick={() => props.onDone()}>
          Cancel
        </button>
        <button
          type="submit"
          class="button primary small"
          disabled={save.busy() || text().trim() === '' || text().length > COMMENT_TEXT_MAX_LENGTH}
        >
          Save
        </button>
      </div>
      <FormError message={save.error()} />
    </form>
  );
}
