/** Why an upload was refused; each is the client's doing and maps to a 4xx answer. */
export type MediaRejection =
  | 'unsupported_media_type'
  | 'file_too_large'
  | 'invalid_image'
  | 'image_too_large'
  | 'invalid_audio'
  | 'quota_exceeded';

/** An upload the API will not store, with a message the uploader can act on. */
export class MediaRejectedError extends Error {
  override readonly name = 'MediaRejectedError';

  constructor(
    readonly code: MediaRejection,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}
