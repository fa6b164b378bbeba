// A member's avatar from the live data: their uploaded picture's thumbnail,
// or their initial.
import { useLive } from '../live/live-context';
import type { Account } from '../live/live-rows';
import { Avatar } from '../ui/avatar';

export function AccountAvatar(props: {
  readonly account: Account | undefined;
  readonly size?: 'small' | 'medium' | 'large';
  readonly alt?: string;
}) {
  const { data } = useLive();
  const imageUrl = () => {
    const id = props.account?.avatarMediaId;
    if (id === undefined) return undefined;
    const media = data.media(id);
    return media === undefined ? undefined : media.thumbnailUrl || media.url;
  };
  return (
    <Avatar
      name={props.account?.displayName ?? '?'}
      seed={props.account?.username ?? ''}
      imageUrl={imageUrl()}
      size={props.size}
      alt={props.alt}
    />
  );
}
