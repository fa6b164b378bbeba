import { ApiError, type ErrorCode } from '../http/api-error.js';
import type { MediaRejection } from './media-rejected-error.js';
import { MediaRejectedError } from './media-rejected-error.js';

/** The API error each refusal is answered with; `details.reason` keeps the precise cause. */
const API_CODE: Readonly<Record<MediaRejection, ErrorCode>> = {
  unsupported_media_type: 'unsupported_media_type',
  file_too_large: 'payload_too_large',
  image_too_large: 'payload_too_large',
  invalid_image: 'invalid_media',
  invalid_audio: 'invalid_media',
  quota_exceeded: 'quota_exceeded',
};

/** Runs a media service call, answering its refusals as API errors. */
export async function asApiErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof MediaRejectedError)) throw error;
    throw new ApiError(API_CODE[error.code], error.message, {
      details: { ...error.details, reason: error.code },
      cause: error,
    });
  }
}
