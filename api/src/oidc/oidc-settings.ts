// The OIDC issuer's settings, as zod schemas the API's settings schema
// (config.ts) extends.
import { z } from 'zod';

const DAYS_EXPECTED = 'expected a whole number of days from 1 to 365';

/** Spread into the API's settings schema: `settingsSchema.extend(oidcSettingsShape)`. */
export const oidcSettingsShape = {
  /**
   * A JSON array of private P-256 JWKs with a `kid` (the first signs), for
   * several API instances sharing keys. Unset: keys live in
   * `${KITH_DATA_DIR}/api-keys` and rotate by themselves.
   */
  OIDC_SIGNING_KEYS: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().optional(),
  ),
  /** Age at which a key in the data directory is replaced. */
  OIDC_KEY_ROTATION_DAYS: z.preprocess(
    (value) => (value === undefined || value === '' ? '30' : value),
    z.coerce
      .number({ error: DAYS_EXPECTED })
      .int(DAYS_EXPECTED)
      .min(1, DAYS_EXPECTED)
      .max(365, DAYS_EXPECTED),
  ),
};

export type OidcSettings = z.output<z.ZodObject<typeof oidcSettingsShape>>;

export interface OidcConfig {
  /** OIDC_SIGNING_KEYS as given (a secret); undefined keeps keys in the data directory. */
  readonly signingKeys: string | undefined;
  readonly keyRotationDays: number;
}

export function oidcConfigFrom(settings: OidcSettings): OidcConfig {
  return {
    signingKeys: settings.OIDC_SIGNING_KEYS,
    keyRotationDays: settings.OIDC_KEY_ROTATION_DAYS,
  };
}
