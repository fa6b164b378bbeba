// The distinct things a text refers to, in the order they first appear.
import { tokenize } from './tokenize';

/** Lowercased usernames mentioned with `@`. */
export function mentionedUsernames(text: string): string[] {
  const names = new Set<string>();
  for (const token of tokenize(text)) if (token.kind === 'mention') names.add(token.username);
  return [...names];
}

/** Lowercased hashtags, without the `#`. */
export function hashtags(text: string): string[] {
  const tags = new Set<string>();
  for (const token of tokenize(text)) if (token.kind === 'hashtag') tags.add(token.tag);
  return [...tags];
}

export interface AmpersoundReference {
  /** Null for a bare `&sound`: the author's own sound. */
  readonly username: string | null;
  readonly sound: string;
}

/** Ampersound tags, each distinct `(username, sound)` once. */
export function ampersoundReferences(text: string): AmpersoundReference[] {
  const seen = new Map<string, AmpersoundReference>();
  for (const token of tokenize(text)) {
    if (token.kind !== 'ampersound') continue;
    const key = `${token.username ?? ''}.${token.sound}`;
    if (!seen.has(key)) seen.set(key, { username: token.username, sound: token.sound });
  }
  return [...seen.values()];
}
