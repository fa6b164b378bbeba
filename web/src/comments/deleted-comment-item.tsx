// What the author of a deleted comment sees in its place while they can
// restore it: its text, marked deleted, and Restore. No one else gets the
// text: to them it is a tombstone, or gone.
import { COMMENT_RESTORE_DAYS } from '@kith/shared/limits';
import { createUniqueId } from 'solid-js';
import { useLive } from '../live/live-context';
import type { RowOf } from '../live/live-rows';
import { AccountAvatar } from '../profiles/account-avatar';
import { displayNameOf } from '../profiles/display-name';
import { RichText } from '../rich-text/rich-text';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { TimeAgo } from '../ui/time-ago';

export type DeletedComment = RowOf<'myDeletedComment'>;

const RESTORE_MS = COMMENT_RESTORE_DAYS * 24 * 60 * 60 * 1000;

export function DeletedCommentItem(props: { readonly comment: DeletedComment }) {
  const { data, act } = useLive();
  const noteId = createUniqueId();
  const author = () => data.account(props.comment.authorId.toHexString());
  const until = () =>
    new Date(props.comment.deletedAt.toDate().getTime() + RESTORE_MS).toLocaleDateString();
  const restore = createAction(() =>
    act((r) => r.restoreComment({ commentId: props.comment.commentId })),
  );
  return (
    <div class="comment deleted-comment" data-comment-id={String(props.comment.commentId)}>
      <AccountAvatar account={author()} size="small" />
      <div class="comment-body">
        <p class="comment-byline small">
          <span class="comment-author">{displayNameOf(author())}</span>{' '}
          <span class="muted">
            <TimeAgo at={props.comment.createdAt.toDate()} />
          </span>
        </p>
        <p class="comment-text muted">
          <RichText text={props.comment.text} authorUsername={author()?.username} />
        </p>
        <p class="comment-actions small">
          <span class="muted">Deleted</span> ·{' '}
          <button
            type="button"
            class="button ghost small"
            aria-describedby={noteId}
            disabled={restore.busy()}
            onClick={() => void restore.run()}
          >
            {restore.busy() ? 'Restoring…' : 'Restore'}
          </button>
        </p>
        <p class="small muted" id={noteId}>
          Only you can see this; you can restore it until {until()}.
        </p>
        <FormError message={restore.error()} />
      </div>
    </div>
  );
}
