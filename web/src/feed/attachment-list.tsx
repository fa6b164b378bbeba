// The images attached to a post being written, each with its upload state.
import { For, Match, Switch } from 'solid-js';
import { CloseIcon } from '../ui/icons';
import type { Attachments } from './attachments';

export function AttachmentList(props: {
  readonly attachments: Attachments;
  /** While the post is being sent: its photos cannot be removed (that deletes the upload). */
  readonly locked?: boolean;
}) {
  return (
    <ul class="attachments" aria-label="Attached photos">
      <For each={props.attachments.items}>
        {(item) => {
          const phase = () => props.attachments.phaseOf(item);
          return (
            <li class="attachment" data-phase={phase()}>
              <img src={item.previewUrl} alt={`Preview of ${item.name}`} />
              <Switch>
                <Match when={phase() === 'uploading'}>
                  <progress max="1" value={item.progress} aria-label={`Uploading ${item.name}`} />
                </Match>
                <Match when={phase() === 'processing'}>
                  <span class="attachment-state">Processing…</span>
                </Match>
                <Match when={phase() === 'failed'}>
                  <span class="attachment-state error" role="alert">
                    {item.error}
                  </span>
                </Match>
              </Switch>
              <button
                type="button"
                class="attachment-remove"
                aria-label={`Remove ${item.name}`}
                disabled={props.locked}
                onClick={() => props.attachments.remove(item.key)}
              >
                <CloseIcon />
              </button>
            </li>
          );
        }}
      </For>
    </ul>
  );
}
