// Editing a post's text in place (its images stay as they are).
import { POST_TEXT_MAX_LENGTH } from '@kith/shared/limits';
import { createSignal, createUniqueId } from 'solid-js';
import { CharacterCount } from '../feed/character-count';
import { useLive } from '../live/live-context';
import type { Post } from '../live/live-rows';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';

export function PostEditor(props: { readonly post: Post; readonly onDone: () => void }) {
  const { act } = useLive();
  const id = createUniqueId();
  const [text, setText] = createSignal(props.post.text);
  const save = createAction(async () => {
    await act((reducers) =>
      reducers.editPost({
        postId: props.post.id,
        text: text(),
        mediaIds: [...props.post.mediaIds],
      }),
    );
    props.onDone();
  });
  return (
    <form
      class="stack post-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      <label class="visually-hidden" for={id}>
        Edit your post
      </label>
      <textarea
        id={id}
        rows={4}
        value={text()}
        aria-describedby={`${id}-count`}
        onInput={(event) => setText(event.currentTarget.value)}
        ref={(element) => queueMicrotask(() => element.focus())}
        onKeyDown={(event) => {
          if (event.key === 'Escape') props.onDone();
        }}
      />
      <div class="row">
        <CharacterCount id={`${id}-count`} length={text().length} max={POST_TEXT_MAX_LENGTH} />
        <span class="spacer" />
        <button type="button" class="button ghost" onClick={() => props.onDone()}>
          Cancel
        </button>
        <button
          type="submit"
          class="button primary"
          disabled={save.busy() || text().length > POST_TEXT_MAX_LENGTH}
        >
          {save.busy() ? 'Saving…' : 'Save'}
        </button>
      </div>
      <FormError message={save.error()} />
    </form>
  );
}
