// Who can see a post, said in words (the icon alone would not tell everyone).
export function VisibilityBadge(props: { readonly visibility: string }) {
  return (
    <span class="visibility" data-visibility={props.visibility}>
      {props.visibility === 'public' ? 'Everyone' : 'Friends only'}
    </span>
  );
}
