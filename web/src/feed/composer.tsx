// Writing a post: text with a live count, images with previews and upload
// progress, and who may see it. While a post is being sent its text and
// photos are held as they are (read-only, no adding), so what is cleared
// once it is sent is exactly what was sent: nothing typed meanwhile is lost.
import { POST_MEDIA_MAX_COUNT, POST_TEXT_MAX_LENGTH } from '@kith/shared/limits';
import { createSignal, createUniqueId, onCleanup, Show } from 'solid-js';
import { useLive } from '../live/live-context';
import { AccountAvatar } from '../profiles/account-avatar';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { ImageIcon } from '../ui/icons';
import { AttachmentList } from './attachment-list';
import { ACCEPTED_IMAGE_TYPES, createAttachments } from './attachments';
import { CharacterCount } from './character-count';
import { type Visibility, VisibilityPicker } from './visibility-picker';

export function Composer() {
  const { data, act } = useLive();
  const id = createUniqueId();
  const [text, setText] = createSignal('');
  const [visibility, setVisibility] = createSignal<Visibility>('friends');
  const attachments = createAttachments((mediaId) => data.media(mediaId) !== undefined);
  let fileInput: HTMLInputElement | undefined;

  const tooLong = () => text().length > POST_TEXT_MAX_LENGTH;
  const empty = () => text().trim() === '' && attachments.items.length === 0;
  const canPost = () => !empty() && !tooLong() && attachments.allReady();
  const post = createAction(async () => {
    await act((reducers) =>
      reducers.createPost({
        text: text(),
        mediaIds: attachments.mediaIds(),
        visibility: visibility(),
      }),
    );
    setText('');
    attachments.clear();
  });
  // Leaving abandons the photos, unless a post with them is on its way.
  onCleanup(() => (post.busy() ? attachments.clear() : attachments.discard()));
  const waitingFor = () => {
    if (attachments.items.some((item) => attachments.phaseOf(item) === 'failed')) {
      return 'Remove the images that could not be uploaded to post.';
    }
    return attachments.busy() ? 'Waiting for your images to finish uploading…' : undefined;
  };

  return (
    <Show
      when={!data.mutedUntil()}
      fallback={
        <p class="card notice">
          An admin has muted you until {data.mutedUntil()?.toLocaleString()}. You can read and
          react, but not post or comment until then.
        </p>
      }
    >
      <form
        class="card composer"
        aria-label="New post"
        onSubmit={(event) => {
          event.preventDefault();
          if (canPost()) void post.run();
        }}
      >
        <div class="composer-row">
          <AccountAvatar account={data.me()} />
          <div class="composer-body">
            <label class="visually-hidden" for={`${id}-text`}>
              Write a post
            </label>
            <textarea
              id={`${id}-text`}
              name="text"
              rows={3}
              placeholder="What are you up to?"
              aria-describedby={`${id}-count`}
              aria-invalid={tooLong() ? 'true' : undefined}
              // Read-only rather than disabled: Ctrl+Enter posts from here, and focus stays.
              readOnly={post.busy()}
              value={text()}
              onInput={(event) => setText(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.metaKey || event.ctrlKey) && canPost()) {
                  event.preventDefault();
                  void post.run();
                }
              }}
            />
            <AttachmentList attachments={attachments} locked={post.busy()} />
          </div>
        </div>
        <div class="composer-tools">
          <input
            ref={fileInput}
            id={`${id}-files`}
            class="visually-hidden"
            type="file"
            accept={ACCEPTED_IMAGE_TYPES.join(',')}
            multiple
            // Reached through the "Add photos" button; the label is for those who meet it anyway.
            aria-label="Photos to attach"
            tabindex="-1"
            disabled={post.busy()}
            onChange={(event) => {
              const files = [...(event.currentTarget.files ?? [])];
              const room = POST_MEDIA_MAX_COUNT - attachments.items.length;
              attachments.add(files.slice(0, Math.max(0, room)));
              event.currentTarget.value = '';
            }}
          />
          <button
            type="button"
            class="button ghost"
            disabled={post.busy() || attachments.items.length >= POST_MEDIA_MAX_COUNT}
            onClick={() => fileInput?.click()}
          >
            <ImageIcon />
            <span class="label-wide">Add photos</span>
          </button>
          <VisibilityPicker value={visibility()} onChange={setVisibility} />
          <CharacterCount id={`${id}-count`} length={text().length} max={POST_TEXT_MAX_LENGTH} />
          <button class="button primary" type="submit" disabled={!canPost() || post.busy()}>
            {post.busy() ? 'Posting…' : 'Post'}
          </button>
        </div>
        <Show when={waitingFor()}>
          <p class="muted small" role="status">
            {waitingFor()}
          </p>
        </Show>
        <FormError message={post.error()} />
      </form>
    </Show>
  );
}
