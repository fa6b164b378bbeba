// Uploading one image or sound clip (POST /v1/media, multipart), with
// progress. XMLHttpRequest rather than fetch: fetch cannot report how much of
// a request body has been sent.
import { ApiError, apiErrorFrom, networkError } from './api-error';
import { apiRequest, changeHeaders } from './http';

export interface UploadedMedia {
  readonly id: string;
  readonly kind: 'image' | 'audio';
  readonly contentType: string;
  readonly byteSize: number;
  readonly width: number;
  readonly height: number;
  readonly durationMs: number;
  readonly placeholder: string;
  readonly url: string;
  readonly thumbnailUrl: string;
  readonly trimmed: boolean;
  readonly createdAt: string;
}

export interface UploadOptions {
  /** Called with the share of the file sent so far, from 0 to 1. */
  readonly onProgress?: (sent: number) => void;
  readonly signal?: AbortSignal;
}

export function uploadMedia(file: Blob, options: UploadOptions = {}): Promise<UploadedMedia> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/media');
    xhr.responseType = 'text';
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(changeHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () => reject(networkError(new Error('upload failed')));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    xhr.onload = () => {
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' },
      });
      if (!response.ok) {
        apiErrorFrom(response).then(reject, reject);
        return;
      }
      response.json().then(
        (body: UploadedMedia) => resolve(body),
        () => reject(new ApiError('unexpected_response', 'Kith sent an unreadable answer.', 0)),
      );
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/** Deletes one of the person's uploads (an attachment removed before posting). */
export function deleteMedia(mediaId: string): Promise<void> {
  return apiRequest('DELETE', `/v1/media/${encodeURIComponent(mediaId)}`);
}
