// Reactions on a post or a comment: the counts so far, the person's own
// reaction highlighted, and a picker of the six kinds. Choosing one's current
// reaction again takes it back.
import { REACTION_EMOJI, REACTION_KINDS, type ReactionKind } from '@kith/shared/reactions';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';

export type ReactionCounts = Readonly<Record<ReactionKind, number>>;

export const REACTION_NAMES: Readonly<Record<ReactionKind, string>> = {
  like: 'Like',
  love: 'Love',
  haha: 'Haha',
  wow: 'Wow',
  sad: 'Sad',
  angry: 'Angry',
};

export interface ReactionBarProps {
  readonly counts: ReactionCounts | undefined;
  readonly mine: string | undefined;
  readonly react: (kind: ReactionKind) => Promise<void>;
  readonly unreact: () => Promise<void>;
  /** What is reacted to, for labels: "post" or "comment". */
  readonly target: string;
}

export function ReactionBar(props: ReactionBarProps) {
  const id = createUniqueId();
  const [picking, setPicking] = createSignal(false);
  let toggle: HTMLButtonElement | undefined;
  const choose = createAction(async (kind: ReactionKind) => {
    // The picker goes away with the focused choice in it; focus goes back to its button.
    if (picking()) toggle?.focus();
    setPicking(false);
    if (props.mine === kind) await props.unreact();
    else await props.react(kind);
  });
  const used = () => REACTION_KINDS.filter((kind) => (props.counts?.[kind] ?? 0) > 0);
  return (
    <div class="reactions">
      <ul class="reaction-counts" aria-label={`Reactions to this ${props.target}`}>
        <For each={used()}>
          {(kind) => (
            <li>
              <button
                type="button"
                class="reaction-chip"
                classList={{ mine: props.mine === kind }}
                aria-pressed={props.mine === kind}
                aria-label={`${REACTION_NAMES[kind]}: ${props.counts?.[kind] ?? 0}${props.mine === kind ? ', including you' : ''}`}
                disabled={choose.busy()}
                onClick={() => void choose.run(kind)}
              >
                <span aria-hidden="true">{REACTION_EMOJI[kind]}</span>
                <span aria-hidden="true">{props.counts?.[kind] ?? 0}</span>
              </button>
            </li>
          )}
        </For>
      </ul>
      <div class="reaction-picker-wrap">
        <button
          ref={toggle}
          type="button"
          class="button ghost small"
          aria-expanded={picking()}
          aria-controls={`${id}-picker`}
          onClick={() => setPicking(!picking())}
        >
          <Show when={props.mine} fallback={<span>React</span>}>
            {(mine) => (
              <span>
                <span aria-hidden="true">{REACTION_EMOJI[mine() as ReactionKind]} </span>
                {REACTION_NAMES[mine() as ReactionKind] ?? 'Reacted'}
              </span>
            )}
          </Show>
        </button>
        <Show when={picking()}>
          <fieldset
            class="reaction-picker"
            id={`${id}-picker`}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                setPicking(false);
                toggle?.focus();
              }
            }}
          >
            <legend class="visually-hidden">Choose a reaction</legend>
            <For each={REACTION_KINDS}>
              {(kind, index) => (
                <button
                  type="button"
                  aria-label={REACTION_NAMES[kind]}
                  aria-pressed={props.mine === kind}
                  title={REACTION_NAMES[kind]}
                  ref={(button) => {
                    if (index() === 0) queueMicrotask(() => button.focus());
                  }}
                  onClick={() => void choose.run(kind)}
                >
                  {REACTION_EMOJI[kind]}
                </button>
              )}
            </For>
          </fieldset>
        </Show>
      </div>
      <FormError message={choose.error()} />
    </div>
  );
}
