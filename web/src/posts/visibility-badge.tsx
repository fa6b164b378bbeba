// Who can see a post, in words beside an icon (the icon alone would not tell everyone).
import { GlobeIcon, LockIcon } from '../ui/icons';

export function VisibilityBadge(props: { readonly visibility: string }) {
  return (
    <span class="visibility" data-visibility={props.visibility}>
      {props.visibility === 'public' ? <GlobeIcon /> : <LockIcon />}
      {props.visibility === 'public' ? 'Everyone' : 'Friends only'}
    </span>
  );
}
