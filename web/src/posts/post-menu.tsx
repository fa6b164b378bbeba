// What can be done to a post: its author edits, changes who sees it, pins or
// deletes it; anyone else reports it; admins remove it.
import { createSignal, Show } from 'solid-js';
import { useIsAdmin } from '../admin/use-is-admin';
import { useLive } from '../live/live-context';
import type { Post } from '../live/live-rows';
import { RemoveDialog } from '../moderation/remove-dialog';
import { ReportDialog } from '../reports/report-dialog';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { Menu } from '../ui/menu';

type Dialog = 'delete' | 'report' | 'remove' | undefined;

export function PostMenu(props: {
  readonly post: Post;
  readonly onEdit: () => void;
  readonly buttonRef?: (button: HTMLElement) => void;
}) {
  const { data, act } = useLive();
  const isAdmin = useIsAdmin();
  const [dialog, setDialog] = createSignal<Dialog>(undefined);
  const mine = () => props.post.authorId.toHexString() === data.myHex();
  const pinned = () => data.me()?.pinnedPostId === props.post.id;
  const quick = createAction(async (run: Parameters<typeof act>[0]) => act(run));
  const postId = () => props.post.id;
  return (
    <>
      <Menu label="More actions for this post" buttonRef={props.buttonRef}>
        <Show when={mine()}>
          <button type="button" onClick={() => props.onEdit()}>
            Edit
          </button>
          <button
            type="button"
            onClick={() =>
              void quick.run((r) =>
                r.setPostVisibility({
                  postId: postId(),
                  visibility: props.post.visibility === 'public' ? 'friends' : 'public',
                }),
              )
            }
          >
            {props.post.visibility === 'public' ? 'Show to friends only' : 'Show to everyone'}
          </button>
          <button
            type="button"
            onClick={() =>
              void quick.run((r) => (pinned() ? r.unpinPost({}) : r.pinPost({ postId: postId() })))
            }
          >
            {pinned() ? 'Unpin from profile' : 'Pin to profile'}
          </button>
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
      <FormError message={quick.error()} />
      <ConfirmDialog
        open={dialog() === 'delete'}
        title="Delete this post?"
        confirmLabel="Delete"
        onClose={() => setDialog(undefined)}
        onConfirm={() => act((r) => r.deletePost({ postId: postId() }))}
      >
        <p>Nobody else will see it. You can restore it for 30 days.</p>
      </ConfirmDialog>
      <ReportDialog
        open={dialog() === 'report'}
        title="Report this post"
        targetKind="post"
        targetId={String(postId())}
        onClose={() => setDialog(undefined)}
      />
      <RemoveDialog
        open={dialog() === 'remove'}
        target={{ kind: 'post', postId: postId() }}
        onClose={() => setDialog(undefined)}
      />
    </>
  );
}
