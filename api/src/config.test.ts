import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig, settingsSchema } from './config.js';

describe('readConfig', () => {
  it('runs on defaults with no settings at all', () => {
    const config = readConfig({}, '/srv/kith');
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:8080',
      publicOrigin: 'http://127.0.0.1:8080',
      dataDir: '/srv/kith/.data',
      databaseUrl: undefined,
      smtpUrl: undefined,
      smtpFrom: 'Kith <no-reply@127.0.0.1>',
      spacetimeUrl: 'http://127.0.0.1:3000',
      spacetimePublicUrl: 'ws://127.0.0.1:3000',
      spacetimeDatabase: 'kith',
      logLevel: 'info',
      sessionTtlHours: 720,
      trustProxyHops: 0,
      trustedOrigins: [],
      secureCookies: false,
      webDistDir: '/srv/kith/web/dist',
      oidc: { signingKeys: undefined, keyRotationDays: 30 },
      media: {
        storage: {
          kind: 'local',
          dir: '/srv/kith/.data/media',
          publicBaseUrl: 'http://127.0.0.1:8080/media',
        },
        limits: { imageMaxBytes: 15 * 1024 * 1024, quotaBytes: 1024 * 1024 * 1024 },
      },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats empty settings as unset', () => {
    expect(readConfig({ PORT: '', DATABASE_URL: '', SMTP_URL: '' })).toMatchObject({
      port: 8080,
      databaseUrl: undefined,
      smtpUrl: undefined,
    });
  });

  it('reads every setting', () => {
    const config = readConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://kith.example.com/',
      KITH_DATA_DIR: '/var/lib/kith',
      DATABASE_URL: 'postgres://kith@db:5432/kith',
      SMTP_URL: 'smtps://user:pass@mail.example.com',
      SMTP_FROM: 'Friends <hi@example.com>',
      SPACETIME_URL: 'https://maincloud.spacetimedb.com/',
      SPACETIME_DATABASE: 'kith-prod',
      LOG_LEVEL: 'warn',
      SESSION_TTL_HOURS: '24',
      PASSWORD_RESET_TTL_MINUTES: '15',
      TRUST_PROXY_HOPS: '1',
      TRUSTED_ORIGINS: 'http://127.0.0.1:5173/, https://app.example.com',
      SPACETIME_PUBLIC_URL: 'https://stdb.example.com/',
      WEB_DIST_DIR: '/opt/kith-web',
      OIDC_SIGNING_KEYS: '[{"kty":"EC"}]',
      OIDC_KEY_ROTATION_DAYS: '7',
      MEDIA_IMAGE_MAX_MB: '20',
      MEDIA_AUDIO_MAX_MB: '4',
      MEDIA_CLIP_MAX_SECONDS: '30',
      MEDIA_QUOTA_MB: '500',
      S3_BUCKET: 'kith-media',
      S3_ENDPOINT: 'https://acct.r2.cloudflarestorage.com',
      S3_REGION: 'weur',
      S3_ACCESS_KEY_ID: 'key-id',
      S3_SECRET_ACCESS_KEY: 'key-secret',
      S3_PUBLIC_BASE_URL: 'https://media.kith.example.com/',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      publicUrl: 'https://kith.example.com',
      dataDir: '/var/lib/kith',
      databaseUrl: 'postgres://kith@db:5432/kith',
      smtpFrom: 'Friends <hi@example.com>',
      spacetimeUrl: 'https://maincloud.spacetimedb.com',
      spacetimeDatabase: 'kith-prod',
      logLevel: 'warn',
      sessionTtlHours: 24,
      passwordResetTtlMinutes: 15,
      trustProxyHops: 1,
      trustedOrigins: ['http://127.0.0.1:5173', 'https://app.example.com'],
      secureCookies: true,
      spacetimePublicUrl: 'wss://stdb.example.com',
      webDistDir: '/opt/kith-web',
      oidc: { signingKeys: '[{"kty":"EC"}]', keyRotationDays: 7 },
      media: {
        limits: {
          imageMaxBytes: 20 * 1024 * 1024,
          audioMaxBytes: 4 * 1024 * 1024,
          audio: { maxDurationMs: 30_000 },
          quotaBytes: 500 * 1024 * 1024,
        },
        storage: {
          kind: 's3',
          bucket: 'kith-media',
          endpoint: 'https://acct.r2.cloudflarestorage.com',
          region: 'weur',
          accessKeyId: 'key-id',
          secretAccessKey: 'key-secret',
          publicBaseUrl: 'https://media.kith.example.com',
        },
      },
    });
  });

  it.each([
    ['ws://127.0.0.1:3000', 'ws://127.0.0.1:3000'],
    ['wss://stdb.example.com', 'wss://stdb.example.com'],
    ['http://10.0.0.5:3000/', 'ws://10.0.0.5:3000'],
  ])('gives browsers SPACETIME_PUBLIC_URL=%s as %s', (given, expected) => {
    expect(readConfig({ SPACETIME_PUBLIC_URL: given }).spacetimePublicUrl).toBe(expected);
  });

  it('gives browsers SPACETIME_URL in its WebSocket form when SPACETIME_PUBLIC_URL is unset', () => {
    expect(
      readConfig({ SPACETIME_URL: 'https://maincloud.spacetimedb.com' }).spacetimePublicUrl,
    ).toBe('wss://maincloud.spacetimedb.com');
  });

  it('resolves a relative WEB_DIST_DIR against the base directory, like KITH_DATA_DIR', () => {
    expect(readConfig({ WEB_DIST_DIR: 'build/web' }, '/srv/kith').webDistDir).toBe(
      '/srv/kith/build/web',
    );
  });

  it.each([
    ['PORT', 'eighty', /PORT: expected a TCP port number from 1 to 65535.*got "eighty"/],
    ['PORT', '70000', /PORT: expected a TCP port/],
    ['PORT', '80.5', /PORT: expected a TCP port/],
    ['PUBLIC_URL', 'kith.example.com', /PUBLIC_URL: expected an http:\/\/ or https:\/\/ URL/],
    ['PUBLIC_URL', 'https://kith.example.com/?x=1', /PUBLIC_URL: expected a URL without query/],
    ['DATABASE_URL', 'mysql://db/kith', /DATABASE_URL: expected a postgres:\/\/ URL/],
    ['SMTP_URL', 'http://mail', /SMTP_URL: expected an smtp:\/\/ or smtps:\/\/ URL/],
    [
      'LOG_LEVEL',
      'loud',
      /LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent/,
    ],
    ['SESSION_TTL_HOURS', '0', /SESSION_TTL_HOURS: expected a whole number from 1 to 8760/],
    ['TRUST_PROXY_HOPS', '-1', /TRUST_PROXY_HOPS: expected a whole number from 0 to 10/],
    ['TRUSTED_ORIGINS', 'not a url', /TRUSTED_ORIGINS: expected comma-separated origins/],
    ['SPACETIME_DATABASE', 'Kith DB', /SPACETIME_DATABASE: expected a database name/],
    ['SPACETIME_PUBLIC_URL', 'stdb.example.com', /SPACETIME_PUBLIC_URL: expected a wss:\/\//],
    ['SPACETIME_PUBLIC_URL', 'wss://stdb.example.com/?x', /SPACETIME_PUBLIC_URL: expected a URL/],
    ['OIDC_KEY_ROTATION_DAYS', '0', /OIDC_KEY_ROTATION_DAYS: expected a whole number of days/],
    ['MEDIA_IMAGE_MAX_MB', '0', /MEDIA_IMAGE_MAX_MB: expected a whole number from 1 to 100/],
    ['MEDIA_QUOTA_MB', 'lots', /MEDIA_QUOTA_MB: expected a whole number/],
    ['S3_BUCKET', 'kith-media', /S3_BUCKET is set, so S3_ENDPOINT, S3_ACCESS_KEY_ID/],
  ])('refuses %s=%s, naming the setting and what it expects', (name, value, message) => {
    expect(() => readConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => readConfig({ [name]: value })).toThrow(message);
  });

  it('names every bad setting at once and never echoes a secret', () => {
    let message = '';
    try {
      readConfig({
        PORT: 'x',
        DATABASE_URL: 'mysql://root:hunter2@db/kith',
        OIDC_KEY_ROTATION_DAYS: 'hunter3',
      });
    } catch (error) {
      message = String((error as Error).message);
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/OIDC_KEY_ROTATION_DAYS/);
    expect(message).not.toContain('hunter2');
  });

  it('never echoes S3 credentials when the S3 settings are wrong together', () => {
    let message = '';
    try {
      readConfig({
        S3_BUCKET: 'kith-media',
        S3_ENDPOINT: 'r2.example',
        S3_ACCESS_KEY_ID: 'AKIA-hunter2',
        S3_SECRET_ACCESS_KEY: 'hunter2-secret',
        S3_PUBLIC_BASE_URL: 'https://media.example',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = String((error as Error).message);
    }
    expect(message).toMatch(/S3_ENDPOINT: expected an http/);
    expect(message).not.toContain('hunter2');
  });
});

describe('api/README.md', () => {
  const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
  const rows = new Map(
    [...readme.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]+) \|/gm)].map((match) => [
      match[1],
      match[2]?.trim(),
    ]),
  );

  it('documents every setting', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(settingsSchema.shape).sort());
  });

  it('states each default as the code has it', () => {
    for (const [name, documented] of rows) {
      const field = settingsSchema.shape[name as keyof typeof settingsSchema.shape];
      const actual: unknown = field.parse(undefined);
      if (documented === 'unset') expect(actual, name).toBeUndefined();
      else if (documented === 'empty') expect(actual, name).toEqual([]);
      else if (name !== 'SMTP_FROM') expect(`\`${String(actual)}\``, name).toBe(documented);
    }
  });
});
