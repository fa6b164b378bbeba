// What rich text needs to know about the network to turn a tag into a link
// or a playable sound; provided from the live data in the app, and by hand
// in tests.
import { createContext, useContext } from 'solid-js';

export interface TextResolver {
  /** Whether `@username` names a member this person can see. */
  hasMember(username: string): boolean;
  /**
   * The clip of `&username.sound` (username null: the author's own sound),
   * when it exists and may be played here.
   */
  soundUrl(
    username: string | null,
    sound: string,
    authorUsername: string | undefined,
  ): string | undefined;
}

const NOTHING_RESOLVES: TextResolver = {
  hasMember: () => false,
  soundUrl: () => undefined,
};

export const TextResolverContext = createContext<TextResolver>(NOTHING_RESOLVES);

export function useTextResolver(): TextResolver {
  return useContext(TextResolverContext);
}
