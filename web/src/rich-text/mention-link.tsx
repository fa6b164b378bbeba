import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { useTextResolver } from './text-resolver';

/** `@username`: a link to the profile when that member exists here, text otherwise. */
export function MentionLink(props: { readonly text: string; readonly username: string }) {
  const resolver = useTextResolver();
  return (
    <Show when={resolver.hasMember(props.username)} fallback={props.text}>
      <A class="mention" href={`/u/${encodeURIComponent(props.username)}`}>
        {props.text}
      </A>
    </Show>
  );
}
