// Sizes the module enforces on what people write, shared so that clients can
// say so before a reducer refuses. Lengths count UTF-16 code units, as
// JavaScript's `length` does on both sides.

export const POST_TEXT_MAX_LENGTH = 5_000;
export const POST_MEDIA_MAX_COUNT = 8;
export const COMMENT_TEXT_MAX_LENGTH = 2_000;

export const DISPLAY_NAME_MAX_LENGTH = 50;
export const BIO_MAX_LENGTH = 500;
export const PRONOUNS_MAX_LENGTH = 30;
export const PROFILE_LINKS_MAX_COUNT = 5;
export const PROFILE_LINK_MAX_LENGTH = 200;

export const REPORT_REASON_MAX_LENGTH = 500;
export const MODERATION_REASON_MAX_LENGTH = 500;

/** How long a deleted post can be restored before it is purged. */
export const POST_RESTORE_DAYS = 30;

/** How long its author can restore a comment they deleted before its text is purged. */
export const COMMENT_RESTORE_DAYS = POST_RESTORE_DAYS;
