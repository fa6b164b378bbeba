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
      spacetimeDatabase: 'kith',
      logLevel: 'info',
      sessionTtlHours: 720,
      trustProxyHops: 0,
      trustedOrigins: [],
      secureCookies: false,
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
    });
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
  ])('refuses %s=%s, naming the setting and what it expects', (name, value, message) => {
    expect(() => readConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => readConfig({ [name]: value })).toThrow(message);
  });

  it('names every bad setting at once and never echoes a secret', () => {
    let message = '';
    try {
      readConfig({ PORT: 'x', DATABASE_URL: 'mysql://root:hunter2@db/kith' });
    } catch (error) {
      message = String((error as Error).message);
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).not.toContain('hunter2');
  });
});

describe('api/README.md', () => {
  const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
  const rows = new Map(
    [...readme.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)].map((match) => [
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
