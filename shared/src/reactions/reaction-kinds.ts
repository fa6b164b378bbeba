// The reactions a person can leave on a post or a comment (one each), in the
// order clients show them. The module stores the kind; clients draw the emoji.

export const REACTION_KINDS = ['like', 'love', 'haha', 'wow', 'sad', 'angry'] as const;

export type ReactionKind = (typeof REACTION_KINDS)[number];

export const REACTION_EMOJI: Readonly<Record<ReactionKind, string>> = {
  like: '👍',
  love: '❤️',
  haha: '😂',
  wow: '😮',
  sad: '😢',
  angry: '😡',
};

export function isReactionKind(value: string): value is ReactionKind {
  return (REACTION_KINDS as readonly string[]).includes(value);
}
