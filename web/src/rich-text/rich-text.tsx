// Post, comment and bio text as components: mentions, hashtags, links and
// ampersounds from shared/'s tokenizer, everything else as text nodes. No
// string ever becomes markup, whatever it contains.
import { tokenize } from '@kith/shared/tokenizer';
import { createMemo, For, Match, Switch } from 'solid-js';
import { ExternalLink } from './external-link';
import { HashtagLink } from './hashtag-link';
import { MentionLink } from './mention-link';
import { SoundTag } from './sound-tag';

export interface RichTextProps {
  readonly text: string;
  /** The writer's username, which a bare `&sound` refers to. */
  readonly authorUsername?: string;
}

export function RichText(props: RichTextProps) {
  const tokens = createMemo(() => tokenize(props.text));
  return (
    <For each={tokens()}>
      {(token) => (
        <Switch fallback={token.text}>
          <Match when={token.kind === 'mention' && token}>
            {(mention) => <MentionLink text={mention().text} username={mention().username} />}
          </Match>
          <Match when={token.kind === 'hashtag' && token}>
            {(hashtag) => <HashtagLink text={hashtag().text} tag={hashtag().tag} />}
          </Match>
          <Match when={token.kind === 'link' && token}>
            {(link) => <ExternalLink text={link().text} url={link().url} />}
          </Match>
          <Match when={token.kind === 'ampersound' && token}>
            {(sound) => (
              <SoundTag
                text={sound().text}
                username={sound().username}
                sound={sound().sound}
                authorUsername={props.authorUsername}
              />
            )}
          </Match>
        </Switch>
      )}
    </For>
  );
}
