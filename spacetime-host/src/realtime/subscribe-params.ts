import { COMPRESSIONS, type Compression, DEFAULT_COMPRESSION } from '../protocol/compression.js';

/** The subscribe route's query parameters (SpacetimeDB's `SubscribeQueryParams`). */
export interface SubscribeParams {
  /** The client's own id for this connection, or undefined to have one generated. */
  readonly connectionId?: bigint;
  readonly compression: Compression;
  /** Accepted for compatibility: v2 messages never carry the reducer event light mode trims. */
  readonly light: boolean;
  /** Send a transaction's updates only once it is durable; SpacetimeDB's default for v2/v3 is true. */
  readonly confirmedReads: boolean;
}

/** A query parameter SpacetimeDB would refuse; the route answers 400 with this message. */
export class SubscribeParamsError extends Error {
  override readonly name = 'SubscribeParamsError';
}

/**
 * Parses `connection_id`, `compression`, `light` and `confirmed` as
 * SpacetimeDB does (case-sensitive enum and bool spellings). Other
 * parameters, such as `token`, are left to the authentication middleware.
 */
export function parseSubscribeParams(query: URLSearchParams): SubscribeParams {
  const connectionId = parseConnectionId(query.get('connection_id'));
  const compression = parseCompression(query.get('compression'));
  const light = parseBool('light', query.get('light')) ?? false;
  const confirmedReads = parseBool('confirmed', query.get('confirmed')) ?? true;
  return {
    ...(connectionId !== undefined && { connectionId }),
    compression,
    light,
    confirmedReads,
  };
}

function parseConnectionId(value: string | null): bigint | undefined {
  if (value === null) return undefined;
  const digits = value.startsWith('0x') ? value.slice(2) : value;
  if (!/^[0-9a-fA-F]{32}$/.test(digits)) {
    throw new SubscribeParamsError(
      `Failed to deserialize query string: connection_id: expected 32 hex digits, got \`${value}\``,
    );
  }
  const id = BigInt(`0x${digits}`);
  if (id === 0n) {
    throw new SubscribeParamsError(
      'Invalid connection ID: the all-zeros ConnectionId is reserved.',
    );
  }
  return id;
}

function parseCompression(value: string | null): Compression {
  if (value === null) return DEFAULT_COMPRESSION;
  const found = COMPRESSIONS.find((c) => c === value);
  if (found === undefined) {
    throw new SubscribeParamsError(
      `Failed to deserialize query string: compression: unknown variant \`${value}\`, expected one of \`None\`, \`Brotli\`, \`Gzip\``,
    );
  }
  return found;
}

function parseBool(name: string, value: string | null): boolean | undefined {
  if (value === null) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new SubscribeParamsError(
    `Failed to deserialize query string: ${name}: provided string was not \`true\` or \`false\``,
  );
}
