// Writing a comment or a reply. While the person types, friends looking at
// the post see that they are typing (refreshed every few seconds, cleared
// when they send or leave the box).
import { COMMENT_TEXT_MAX_LENGTH } from '@kith/shared/limits';
import { createSignal, createUniqueId, onCleanup } from 'solid-js';
import { CharacterCount } from '../feed/character-count';
import { useLive } from '../live/live-context';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';

/** The module forgets a typing indicator after 8 s; it is refreshed well before. */
const TYPING_REFRESH_MS = 4_000;

export interface CommentFormProps {
  readonly postId: bigint;
  readonly parentId?: bigint;
  readonly label: string;
  readonly placeholder?: string;
  readonly autofocus?: boolean;
  readonly onDone?: () => void;
}

export function CommentForm(props: CommentFormProps) {
  const { act } = useLive();
  const id = createUniqueId();
  const [text, setText] = createSignal('');
  let lastTyping = 0;
  const typing = () => {
    const now = Date.now();
    if (now - lastTyping < TYPING_REFRESH_MS) return;
    lastTyping = now;
    act((r) => r.startTyping({ postId: props.postId })).catch(() => undefined);
  };
  const stopTyping = () => {
    if (lastTyping === 0) return;
    lastTyping = 0;
    act((r) => r.stopTyping({})).catch(() => undefined);
  };
  onCleanup(stopTyping);
  const send = createAction(async () => {
    await act((r) =>
      r.createComment({ postId: props.postId, parentId: props.parentId ?? 0n, text: text() }),
    );
    setText('');
    stopTyping();
    props.onDone?.();
  });
  const tooLong = () => text().length > COMMENT_TEXT_MAX_LENGTH;
  return (
    <form
      class="comment-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (text().trim() !== '' && !tooLong()) void send.run();
      }}
    >
      <label class="visually-hidden" for={id}>
        {props.label}
      </label>
      <textarea
        id={id}
        rows={2}
        placeholder={props.placeholder ?? 'Write a comment…'}
        value={text()}
        aria-describedby={`${id}-count`}
        aria-invalid={tooLong() ? 'true' : undefined}
        ref={(element) => {
          if (props.autofocus) queueMicrotask(() => element.focus());
        }}
        onInput={(event) => {
          setText(event.currentTarget.value);
          if (event.currentTarget.value.trim() === '') stopTyping();
          else typing();
        }}
        onBlur={stopTyping}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
          if (event.key === 'Escape') props.onDone?.();
        }}
      />
      <div class="row">
        <CharacterCount id={`${id}-count`} length={text().length} max={COMMENT_TEXT_MAX_LENGTH} />
        <span class="spacer" />
        {props.onDone !== undefined && (
          <button type="button" class="button ghost small" onClick={() => props.onDone?.()}>
            Cancel
          </button>
        )}
        <button
          type="submit"
          class="button primary small"
          disabled={send.busy() || text().trim() === '' || tooLong()}
        >
          {send.busy() ? 'Sending…' : props.parentId ? 'Reply' : 'Comment'}
        </button>
      </div>
      <FormError message={send.error()} />
    </form>
  );
}
