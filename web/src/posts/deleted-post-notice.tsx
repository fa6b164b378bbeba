// What the author sees in place of a post they deleted: it can come back
// until it is purged.
import { POST_RESTORE_DAYS } from '@kith/shared/limits';
import { useLive } from '../live/live-context';
import type { Post } from '../live/live-rows';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';

export function DeletedPostNotice(props: { readonly post: Post }) {
  const { act } = useLive();
  const restore = createAction(() => act((r) => r.restorePost({ postId: props.post.id })));
  return (
    <div class="deleted-post">
      <p>
        You deleted this post. Only you can see it, and you can restore it for {POST_RESTORE_DAYS}{' '}
        days.
      </p>
      <button
        type="button"
        class="button"
        disabled={restore.busy()}
        onClick={() => void restore.run()}
      >
        {restore.busy() ? 'Restoring…' : 'Restore'}
      </button>
      <FormError message={restore.error()} />
    </div>
  );
}
