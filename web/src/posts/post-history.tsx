// The earlier versions of one's own edited post, newest first.
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useLive } from '../live/live-context';
import type { Post } from '../live/live-rows';
import { ModalDialog } from '../ui/modal-dialog';
import { TimeAgo } from '../ui/time-ago';

export function PostHistory(props: { readonly post: Post }) {
  const { data } = useLive();
  const [open, setOpen] = createSignal(false);
  const versions = createMemo(() =>
    data.tables.postRevisions
      .filter((row) => row.postId === props.post.id)
      .sort((a, b) =>
        a.replacedAt.microsSinceUnixEpoch > b.replacedAt.microsSinceUnixEpoch ? -1 : 1,
      ),
  );
  return (
    <Show when={versions().length > 0} fallback={<span>edited</span>}>
      <button type="button" class="link-button" onClick={() => setOpen(true)}>
        edited
      </button>
      <ModalDialog open={open()} title="Earlier versions" onClose={() => setOpen(false)}>
        <ol class="revisions">
          <For each={versions()}>
            {(version) => (
              <li>
                <p class="muted small">
                  Replaced <TimeAgo at={version.replacedAt.toDate()} />
                  {version.mediaIds.length > 0 ? ` · ${version.mediaIds.length} photo(s)` : ''}
                </p>
                <p class="revision-text">{version.text}</p>
              </li>
            )}
          </For>
        </ol>
        <div class="dialog-actions">
          <button type="button" class="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      </ModalDialog>
    </Show>
  );
}
