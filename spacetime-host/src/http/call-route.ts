import type { Context } from 'hono';
import type {
  Caller,
  DatabaseHandle,
  ProcedureOutcome,
  ReducerOutcome,
} from '../database/database-api.js';
import { LifecycleReducerError, NoSuchProcedureError } from '../database/database-errors.js';
import { bsatnToJson, SatsJsonError } from '../sats/sats-json.js';
import { jsonToBsatn } from '../sats/sats-json-encode.js';
import { parseSatsJson } from '../sats/sats-json-text.js';
import type { FunctionSchema } from '../schema/module-schema.js';
import { mayCallFunction } from './database-policy.js';
import type { HttpCaller, HttpEnv } from './http-env.js';
import { badRequest, HttpError } from './http-error.js';
import type { HttpSettings } from './http-options.js';
import { randomConnectionId } from './random-connection-id.js';
import { readTextBody } from './request-body.js';
import { jsonResponse } from './responses.js';
import { findProcedure, findReducer } from './schema-functions.js';

/** SpacetimeDB answers a non-2xx code from Cloudflare's range when the reducer itself failed. */
export const REDUCER_FAILED_STATUS = 530;

type FunctionReturnType = NonNullable<FunctionSchema['returnType']>;

const UNIT_TYPE: FunctionReturnType = { tag: 'Product', value: { elements: [] } };

/**
 * `POST /v1/database/:name_or_identity/call/:function`: the body is a JSON
 * array (or object) of the arguments of a reducer or, failing that, a
 * procedure. A reducer answers 200 with an empty body when its transaction
 * committed and 530 with the error when it threw; a procedure answers 200
 * with its return value as SATS-JSON. Like SpacetimeDB, the call runs inside
 * a connection of its own, so `clientConnected`/`clientDisconnected` run too.
 */
export async function callFunctionRoute(
  c: Context<HttpEnv>,
  settings: HttpSettings,
): Promise<Response> {
  const contentType = c.req.header('content-type');
  if (contentType === undefined) throw badRequest('Header of type `content-type` was missing');
  if (contentType.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
    throw new HttpError(415, 'Expected request with `Content-Type: application/json`');
  }
  const database = c.get('database');
  const name = c.req.param('function') ?? '';
  const body = await readTextBody(c, settings.maxRequestBytes);
  const httpCaller = c.get('caller');
  return withConnection(database, httpCaller, async (caller) => {
    const reducer = findReducer(database.schema, name);
    if (reducer?.lifecycle !== undefined) throw new LifecycleReducerError(name, reducer.lifecycle);
    // A private reducer is hidden from everyone but the owner; then SpacetimeDB tries a procedure.
    if (
      reducer !== undefined &&
      mayCallFunction(database, caller.identity, reducer.clientCallable)
    ) {
      const args = encodeArguments(database, 'reducer', reducer, body);
      return reducerResponse(await database.callReducer(name, args, caller));
    }
    const procedure = findProcedure(database.schema, name);
    if (
      procedure === undefined ||
      !mayCallFunction(database, caller.identity, procedure.clientCallable)
    ) {
      throw new NoSuchProcedureError(name);
    }
    const args = encodeArguments(database, 'procedure', procedure, body);
    const outcome = await database.callProcedure(name, args, caller);
    return procedureResponse(database, procedure.returnType ?? UNIT_TYPE, outcome);
  });
}

/**
 * Runs `call` as a client connection with a fresh connection id, as
 * SpacetimeDB's `with_connection` does for HTTP calls and SQL: the
 * disconnect runs even when the call fails.
 */
export async function withConnection<T>(
  database: DatabaseHandle,
  httpCaller: HttpCaller,
  call: (caller: Caller) => Promise<T>,
): Promise<T> {
  const caller: Caller = {
    identity: httpCaller.identity,
    connectionId: randomConnectionId(),
    jwtPayload: httpCaller.payloadJson,
  };
  await database.connect(caller);
  try {
    return await call(caller);
  } finally {
    await database.disconnect(caller);
  }
}

/** The JSON arguments as the BSATN of the function's parameter product. */
function encodeArguments(
  database: DatabaseHandle,
  kind: 'reducer' | 'procedure',
  fn: FunctionSchema,
  body: string,
): Uint8Array {
  const prefix = `invalid arguments for ${kind} ${fn.name}`;
  let json: unknown;
  try {
    json = parseSatsJson(body);
  } catch (error) {
    throw badRequest(`${prefix}: ${(error as Error).message}`);
  }
  try {
    return jsonToBsatn({ tag: 'Product', value: fn.params }, database.schema.typespace, json);
  } catch (error) {
    if (error instanceof SatsJsonError) throw badRequest(`${prefix}: ${error.message}`);
    throw error;
  }
}

function durationHeader(durationMicros: number): Record<string, string> {
  return { 'spacetime-execution-duration-micros': String(Math.round(durationMicros)) };
}

function reducerResponse(outcome: ReducerOutcome): Response {
  // SpacetimeDB's body is a (possibly empty) string either way, so always text/plain.
  const headers = {
    'content-type': 'text/plain; charset=utf-8',
    'spacetime-energy-used': '0',
    ...durationHeader(outcome.durationMicros),
  };
  if (outcome.status === 'committed') return new Response('', { status: 200, headers });
  return new Response(outcome.message, { status: REDUCER_FAILED_STATUS, headers });
}

function procedureResponse(
  database: DatabaseHandle,
  returnType: FunctionReturnType,
  outcome: ProcedureOutcome,
): Response {
  if (outcome.status === 'internal-error') {
    throw new HttpError(500, `The module instance encountered a fatal error: ${outcome.message}`);
  }
  const value = bsatnToJson(returnType, database.schema.typespace, outcome.value);
  return jsonResponse(value, 200, durationHeader(outcome.durationMicros));
}
