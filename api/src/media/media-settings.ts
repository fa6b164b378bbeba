// The media settings, as zod schemas the API's settings schema (config.ts)
// extends, and the typed configuration made from them once at start.
import { z } from 'zod';
import { DEFAULT_MEDIA_LIMITS, type MediaLimits } from './media-limits.js';

const MB = 1024 * 1024;

function wholeNumber(min: number, max: number, fallback: number) {
  const expected = `expected a whole number from ${min} to ${max}`;
  return z.preprocess(
    (value) => (value === undefined || value === '' ? String(fallback) : value),
    z.coerce.number({ error: expected }).int(expected).min(min, expected).max(max, expected),
  );
}

const optionalText = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.string().optional(),
);

/** Spread into the API's settings schema: `settingsSchema.extend(mediaSettingsShape)`. */
export const mediaSettingsShape = {
  MEDIA_IMAGE_MAX_MB: wholeNumber(1, 100, DEFAULT_MEDIA_LIMITS.imageMaxBytes / MB),
  MEDIA_AUDIO_MAX_MB: wholeNumber(1, 50, DEFAULT_MEDIA_LIMITS.audioMaxBytes / MB),
  MEDIA_CLIP_MAX_SECONDS: wholeNumber(1, 600, DEFAULT_MEDIA_LIMITS.audio.maxDurationMs / 1000),
  MEDIA_QUOTA_MB: wholeNumber(1, 10_000_000, DEFAULT_MEDIA_LIMITS.quotaBytes / MB),
  /** Set S3_BUCKET to keep media in S3-compatible storage (Cloudflare R2) instead of the data directory. */
  S3_BUCKET: optionalText,
  S3_ENDPOINT: optionalText,
  S3_REGION: optionalText,
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  S3_PUBLIC_BASE_URL: optionalText,
};

export type MediaSettings = z.output<z.ZodObject<typeof mediaSettingsShape>>;

export type MediaStorageConfig =
  | { readonly kind: 'local'; readonly dir: string; readonly publicBaseUrl: string }
  | {
      readonly kind: 's3';
      readonly endpoint: string;
      readonly region: string;
      readonly bucket: string;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      readonly publicBaseUrl: string;
    };

export interface MediaConfig {
  readonly limits: MediaLimits;
  readonly storage: MediaStorageConfig;
}

/** A media setting is missing or malformed; the message names it. */
export class MediaSettingsError extends Error {
  override readonly name = 'MediaSettingsError';
}

/** Settings → configuration; S3 needs every S3_* setting once S3_BUCKET is set. */
export function mediaConfigFrom(
  settings: MediaSettings,
  where: { readonly dataDir: string; readonly publicUrl: string },
): MediaConfig {
  const limits: MediaLimits = {
    ...DEFAULT_MEDIA_LIMITS,
    imageMaxBytes: settings.MEDIA_IMAGE_MAX_MB * MB,
    audioMaxBytes: settings.MEDIA_AUDIO_MAX_MB * MB,
    audio: { ...DEFAULT_MEDIA_LIMITS.audio, maxDurationMs: settings.MEDIA_CLIP_MAX_SECONDS * 1000 },
    quotaBytes: settings.MEDIA_QUOTA_MB * MB,
  };
  if (settings.S3_BUCKET === undefined) {
    return {
      limits,
      storage: {
        kind: 'local',
        dir: `${where.dataDir}/media`,
        publicBaseUrl: `${where.publicUrl}/media`,
      },
    };
  }
  const required = [
    'S3_ENDPOINT',
    'S3_ACCESS_KEY_ID',
    'S3_SECRET_ACCESS_KEY',
    'S3_PUBLIC_BASE_URL',
  ] as const;
  const missing = required.filter((name) => settings[name] === undefined);
  if (missing.length > 0) {
    throw new MediaSettingsError(`S3_BUCKET is set, so ${missing.join(', ')} must be set too`);
  }
  for (const name of ['S3_ENDPOINT', 'S3_PUBLIC_BASE_URL'] as const) {
    if (!/^https?:\/\/[^\s/]+/.test(settings[name] ?? '')) {
      throw new MediaSettingsError(`${name}: expected an http:// or https:// URL`);
    }
  }
  return {
    limits,
    storage: {
      kind: 's3',
      endpoint: settings.S3_ENDPOINT as string,
      region: settings.S3_REGION ?? 'auto',
      bucket: settings.S3_BUCKET,
      accessKeyId: settings.S3_ACCESS_KEY_ID as string,
      secretAccessKey: settings.S3_SECRET_ACCESS_KEY as string,
      publicBaseUrl: (settings.S3_PUBLIC_BASE_URL as string).replace(/\/+$/, ''),
    },
  };
}
