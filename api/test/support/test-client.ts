// A browser-like client for app.request(): keeps the cookies the API sets,
// echoes the CSRF cookie in X-CSRF-Token, and sends from a fixed address
// (X-Forwarded-For, which the test API trusts for one hop).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { expect } from 'vitest';
import { sessionCookieNames } from '../../src/accounts/sessions/session-cookies.js';
import type { Config } from '../../src/config.js';
import type { AppEnv } from '../../src/http/app-env.js';

export interface ClientResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface RequestOptions {
  readonly headers?: Record<string, string>;
  /** Sent as is, instead of JSON.stringify(body). */
  readonly rawBody?: string | Uint8Array;
  /** Leave out the X-CSRF-Token header. */
  readonly withoutCsrf?: boolean;
}

export class TestClient {
  readonly cookies = new Map<string, string>();
  /** A bearer token to send instead of cookies. */
  bearer: string | undefined;

  constructor(
    private readonly app: OpenAPIHono<AppEnv>,
    readonly ip: string,
    private readonly config: Config,
  ) {}

  get csrfToken(): string | undefined {
    return this.cookies.get(sessionCookieNames(this.config).csrf);
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<ClientResponse<T>> {
    const headers = new Headers({ 'x-forwarded-for': this.ip, ...options.headers });
    if (this.cookies.size > 0 && !headers.has('cookie')) {
      headers.set(
        'cookie',
        [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      );
    }
    if (this.bearer !== undefined && !headers.has('authorization')) {
      headers.set('authorization', `Bearer ${this.bearer}`);
    }
    const csrf = this.csrfToken;
    if (csrf !== undefined && !options.withoutCsrf && !headers.has('x-csrf-token')) {
      headers.set('x-csrf-token', csrf);
    }
    let payload: string | Uint8Array | undefined = options.rawBody;
    if (payload === undefined && body !== undefined) {
      payload = JSON.stringify(body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    const response = await this.app.request(`http://kith.test${path}`, {
      method,
      headers,
      body: payload,
    });
    this.keepCookies(response.headers);
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const parsed = contentType.includes('json') && text !== '' ? JSON.parse(text) : text;
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  /** Makes a request and asserts its status, showing the body when it differs. */
  async expect<T = unknown>(
    status: number,
    method: string,
    path: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<T> {
    const response = await this.request<T>(method, path, body, options);
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    return response.body;
  }

  private keepCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const separator = pair?.indexOf('=') ?? -1;
      if (pair === undefined || separator < 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = /max-age=0/i.test(line) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** The error body every 4xx carries. */
export interface ErrorResponse {
  error: { code: string; message: string; details?: unknown };
}
