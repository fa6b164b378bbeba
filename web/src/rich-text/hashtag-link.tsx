import { A } from '@solidjs/router';

/** `#tag`: a link to the posts with that tag. */
export function HashtagLink(props: { readonly text: string; readonly tag: string }) {
  return (
    <A class="hashtag" href={`/tag/${encodeURIComponent(props.tag)}`}>
      {props.text}
    </A>
  );
}
