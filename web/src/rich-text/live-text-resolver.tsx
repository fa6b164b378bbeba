// Rich text resolved against the live data: mentions of visible members,
// sounds that are approved (or the writer's own) and whose clip is visible.
// A name a member gave up by renaming still finds them, so older posts keep
// their mentions and sounds.
import type { JSX } from 'solid-js';
import { useLive } from '../live/live-context';
import { type TextResolver, TextResolverContext } from './text-resolver';

export function LiveTextResolver(props: { readonly children: JSX.Element }) {
  const { data } = useLive();
  const named = (username: string) => data.accountNamed(username) ?? data.formerlyNamed(username);
  const resolver: TextResolver = {
    hasMember: (username) => named(username) !== undefined,
    soundUrl(username, sound, authorUsername) {
      const ownerName = username ?? authorUsername;
      if (ownerName === undefined) return undefined;
      const owner = named(ownerName);
      if (owner === undefined) return undefined;
      const found = data.sound(owner.identity.toHexString(), sound);
      if (found === undefined) return undefined;
      return data.media(found.mediaId)?.url;
    },
  };
  return (
    <TextResolverContext.Provider value={resolver}>{props.children}</TextResolverContext.Provider>
  );
}
