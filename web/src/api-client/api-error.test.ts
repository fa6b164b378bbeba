import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorFrom, networkError } from './api-error';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('API errors', () => {
  it("keeps the API's code, message, details and Retry-After", async () => {
    const error = await apiErrorFrom(
      json(
        429,
        { error: { code: 'too_many_attempts', message: 'Wait a minute.', details: { n: 5 } } },
        { 'retry-after': '30' },
      ),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect([error.code, error.message, error.status, error.retryAfterSeconds]).toEqual([
      'too_many_attempts',
      'Wait a minute.',
      429,
      30,
    ]);
    expect(error.details).toEqual({ n: 5 });
  });

  it('finds the problem with each field of a 400, by name with or without body.', async () => {
    const error = await apiErrorFrom(
      json(400, {
        error: {
          code: 'invalid_request',
          message: 'The request is invalid: body.username: too short',
          details: [
            { path: 'body.username', message: 'too short' },
            { path: 'password', message: 'too common' },
            { nonsense: true },
          ],
        },
      }),
    );
    expect(error.problemWith('username')).toBe('too short');
    expect(error.problemWith('password')).toBe('too common');
    expect(error.problemWith('email')).toBeUndefined();
    expect(error.fieldProblems()).toHaveLength(2);
  });

  it('says something a person understands when the body is not the error shape', async () => {
    const html = new Response('<h1>Bad gateway</h1>', { status: 502 });
    const server = await apiErrorFrom(html);
    expect(server.code).toBe('internal_error');
    expect(server.message).toMatch(/problem on its side/);
    const odd = await apiErrorFrom(json(418, { teapot: true }));
    expect(odd.code).toBe('unexpected_response');
    expect(odd.message).toContain('418');
    expect(odd.fieldProblems()).toEqual([]);
  });

  it('ignores a Retry-After that is not a number of seconds', async () => {
    const error = await apiErrorFrom(
      json(
        429,
        { error: { code: 'rate_limited', message: 'Slow down.' } },
        { 'retry-after': 'soon' },
      ),
    );
    expect(error.retryAfterSeconds).toBeUndefined();
  });

  it('tells apart not reaching Kith at all', () => {
    const error = networkError(new TypeError('Failed to fetch'));
    expect([error.code, error.status]).toEqual(['network_error', 0]);
    expect(error.cause).toBeInstanceOf(TypeError);
  });
});
