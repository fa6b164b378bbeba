// The API's settings, read from the environment once at start into a frozen,
// typed object that is passed down. Nothing else in api/ reads process.env.
import path from 'node:path';
import { z } from 'zod';
import {
  type MediaConfig,
  MediaSettingsError,
  mediaConfigFrom,
  mediaSettingsShape,
} from './media/media-settings.js';
import { type OidcConfig, oidcConfigFrom, oidcSettingsShape } from './oidc/oidc-settings.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Turns an unset or empty variable into the default before the schema checks it. */
function withDefault<T extends z.ZodType>(schema: T, fallback: string) {
  return z.preprocess((value) => (value === undefined || value === '' ? fallback : value), schema);
}

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

const PORT_EXPECTED = 'expected a TCP port number from 1 to 65535 (0 picks a free port)';
const port = z.coerce
  .number({ error: PORT_EXPECTED })
  .int(PORT_EXPECTED)
  .min(0, PORT_EXPECTED)
  .max(65535, PORT_EXPECTED);

function wholeNumber(min: number, max: number) {
  const expected = `expected a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: expected }).int(expected).min(min, expected).max(max, expected);
}

function urlWithScheme(schemes: readonly string[], expected: string) {
  // abort: later checks parse the URL and must not run on one that failed here.
  return z.string().refine(
    (text) => {
      try {
        return schemes.includes(new URL(text).protocol);
      } catch {
        return false;
      }
    },
    { error: expected, abort: true },
  );
}

function isPlainUrl(text: string): boolean {
  const url = new URL(text);
  return url.search === '' && url.hash === '' && url.username === '' && url.password === '';
}

const PLAIN_URL_EXPECTED = 'expected a URL without query, fragment or credentials';

const publicUrl = urlWithScheme(
  ['http:', 'https:'],
  'expected an http:// or https:// URL such as https://kith.example.com',
)
  .refine(isPlainUrl, PLAIN_URL_EXPECTED)
  // The OIDC issuer must not end with a slash (see the API ↔ module contract).
  .transform((text) => text.replace(/\/+$/, ''));

/** The SDK takes either form (it turns http into ws itself); browsers' CSP needs both. */
const spacetimePublicUrl = urlWithScheme(
  ['ws:', 'wss:', 'http:', 'https:'],
  'expected a wss://, ws://, https:// or http:// URL such as wss://maincloud.spacetimedb.com',
).refine(isPlainUrl, PLAIN_URL_EXPECTED);

const originList = z.string().transform((text, ctx) => {
  const origins: string[] = [];
  for (const item of text.split(',').map((part) => part.trim())) {
    if (item === '') continue;
    try {
      origins.push(new URL(item).origin);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `expected comma-separated origins such as http://127.0.0.1:5173, got "${item}"`,
      });
      return z.NEVER;
    }
  }
  return origins;
});

/**
 * Every setting: its variable name, its schema and its default. The README's
 * settings table is checked against this list by a test.
 */
export const settingsSchema = z.object({
  PORT: withDefault(port, '8080'),
  HOST: withDefault(z.string().min(1), '127.0.0.1'),
  PUBLIC_URL: withDefault(publicUrl, 'http://127.0.0.1:8080'),
  KITH_DATA_DIR: withDefault(z.string().min(1), '.data'),
  DATABASE_URL: optional(
    urlWithScheme(
      ['postgres:', 'postgresql:'],
      'expected a postgres:// URL such as postgres://user@127.0.0.1:5432/kith',
    ),
  ),
  SMTP_URL: optional(
    urlWithScheme(
      ['smtp:', 'smtps:'],
      'expected an smtp:// or smtps:// URL such as smtps://user:pass@mail.example.com',
    ),
  ),
  SMTP_FROM: optional(z.string().min(3).max(200)),
  SPACETIME_URL: withDefault(
    urlWithScheme(['http:', 'https:'], 'expected an http:// or https:// URL'),
    'http://127.0.0.1:3000',
  ),
  SPACETIME_PUBLIC_URL: optional(spacetimePublicUrl),
  SPACETIME_DATABASE: withDefault(
    z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a database name of a-z, 0-9 and -'),
    'kith',
  ),
  LOG_LEVEL: withDefault(
    z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }),
    'info',
  ),
  SESSION_TTL_HOURS: withDefault(wholeNumber(1, 24 * 365), String(24 * 30)),
  PASSWORD_RESET_TTL_MINUTES: withDefault(wholeNumber(5, 24 * 60), '60'),
  TRUST_PROXY_HOPS: withDefault(wholeNumber(0, 10), '0'),
  TRUSTED_ORIGINS: withDefault(originList, ''),
  WEB_DIST_DIR: withDefault(z.string().min(1), 'web/dist'),
  ...oidcSettingsShape,
  ...mediaSettingsShape,
});

export type Settings = z.output<typeof settingsSchema>;

export interface Config {
  readonly port: number;
  readonly host: string;
  /** No trailing slash; also the OIDC issuer. */
  readonly publicUrl: string;
  /** The origin browsers send for the web app: PUBLIC_URL's origin. */
  readonly publicOrigin: string;
  /** Origins besides PUBLIC_URL's allowed to make cookie-authenticated calls. */
  readonly trustedOrigins: readonly string[];
  /** Absolute path. */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly smtpUrl: string | undefined;
  readonly smtpFrom: string;
  /** Where the API calls the module; no trailing slash. */
  readonly spacetimeUrl: string;
  /** Where browsers reach SpacetimeDB, as ws:// or wss:// (what the web app gets from /v1/client-config). */
  readonly spacetimePublicUrl: string;
  readonly spacetimeDatabase: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly sessionTtlHours: number;
  readonly passwordResetTtlMinutes: number;
  /** How many reverse proxies in front of the API append to X-Forwarded-For. */
  readonly trustProxyHops: number;
  /** Cookies get the Secure attribute and the __Host- prefix when PUBLIC_URL is https. */
  readonly secureCookies: boolean;
  /** Absolute path of the built web app (index.html and assets/), served when it exists. */
  readonly webDistDir: string;
  readonly oidc: OidcConfig;
  readonly media: MediaConfig;
}

/** A setting is missing or malformed; the message names each one and what it expects. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads and checks every setting once. `baseDir` resolves a relative
 * KITH_DATA_DIR and WEB_DIST_DIR (the repository root when started by
 * `npm start` or `npm start -w api`).
 */
export function readConfig(
  env: Readonly<Record<string, string | undefined>>,
  baseDir: string = process.cwd(),
): Config {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'settings');
      const given = env[name];
      const shown = given === undefined ? '' : `, got "${SECRET_SETTINGS.has(name) ? '…' : given}"`;
      return `  ${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  try {
    return configFromSettings(parsed.data, baseDir);
  } catch (error) {
    // Settings that are only wrong together (S3_BUCKET without the rest); the message names them.
    if (error instanceof MediaSettingsError) {
      throw new ConfigError(`Invalid configuration:\n  ${error.message}`);
    }
    throw error;
  }
}

/** Never shown back in an error: their values are credentials. */
const SECRET_SETTINGS = new Set([
  'DATABASE_URL',
  'SMTP_URL',
  'OIDC_SIGNING_KEYS',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
]);

/** http(s) → ws(s), the form the SpacetimeDB SDK documents; no trailing slash. */
function webSocketUrl(text: string): string {
  const url = new URL(text);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  return url.href.replace(/\/+$/, '');
}

function configFromSettings(settings: Settings, baseDir: string): Config {
  const publicUrl = new URL(settings.PUBLIC_URL);
  const dataDir = path.resolve(baseDir, settings.KITH_DATA_DIR);
  const spacetimeUrl = settings.SPACETIME_URL.replace(/\/+$/, '');
  return Object.freeze({
    port: settings.PORT,
    host: settings.HOST,
    publicUrl: settings.PUBLIC_URL,
    publicOrigin: publicUrl.origin,
    trustedOrigins: Object.freeze([...settings.TRUSTED_ORIGINS]),
    dataDir,
    databaseUrl: settings.DATABASE_URL,
    smtpUrl: settings.SMTP_URL,
    smtpFrom: settings.SMTP_FROM ?? `Kith <no-reply@${publicUrl.hostname}>`,
    spacetimeUrl,
    spacetimePublicUrl: webSocketUrl(settings.SPACETIME_PUBLIC_URL ?? spacetimeUrl),
    spacetimeDatabase: settings.SPACETIME_DATABASE,
    logLevel: settings.LOG_LEVEL,
    sessionTtlHours: settings.SESSION_TTL_HOURS,
    passwordResetTtlMinutes: settings.PASSWORD_RESET_TTL_MINUTES,
    trustProxyHops: settings.TRUST_PROXY_HOPS,
    secureCookies: publicUrl.protocol === 'https:',
    webDistDir: path.resolve(baseDir, settings.WEB_DIST_DIR),
    oidc: oidcConfigFrom(settings),
    media: mediaConfigFrom(settings, { dataDir, publicUrl: settings.PUBLIC_URL }),
  });
}
