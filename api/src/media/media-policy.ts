/** Who is acting on a media item. */
export interface MediaActor {
  readonly userId: string;
  readonly isAdmin: boolean;
}

/** The uploader may delete their media; an admin may delete anyone's (moderation). */
export function mayDeleteMedia(
  actor: MediaActor,
  media: { readonly ownerUserId: string },
): boolean {
  return actor.isAdmin || actor.userId === media.ownerUserId;
}
