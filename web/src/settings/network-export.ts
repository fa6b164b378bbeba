// The person's own part of the live network, for their data export.
import type { LiveData } from '../live/live-data';

export function networkExport(data: LiveData) {
  const me = data.myHex();
  const mine = (hex: { toHexString(): string }) => hex.toHexString() === me;
  const friendName = (hex: string) => data.account(hex)?.username ?? hex;
  const profile = data.me();
  return {
    profile:
      profile === undefined
        ? null
        : {
            username: profile.username,
            displayName: profile.displayName,
            bio: profile.bio,
            pronouns: profile.pronouns,
            links: profile.links,
            joinedAt: profile.joinedAt.toISOString(),
          },
    posts: data.tables.posts
      .filter((post) => mine(post.authorId))
      .map((post) => ({
        id: post.id,
        text: post.text,
        mediaUrls: post.mediaIds.map((id) => data.media(id)?.url ?? id),
        visibility: post.visibility,
        createdAt: post.createdAt.toISOString(),
        editedAt: post.editedAt?.toISOString() ?? null,
        deletedAt: post.deletedAt?.toISOString() ?? null,
      })),
    comments: data.tables.comments
      .filter((comment) => mine(comment.authorId))
      .map((comment) => ({
        id: comment.id,
        postId: comment.postId,
        text: comment.text,
        createdAt: comment.createdAt.toISOString(),
      })),
    reactions: data.tables.reactions
      .filter((reaction) => mine(reaction.reactorId))
      .map((reaction) => ({
        postId: reaction.postId,
        commentId: reaction.commentId,
        kind: reaction.kind,
        createdAt: reaction.createdAt.toISOString(),
      })),
    friends: data.friendHexes().map(friendName),
  };
}
