import type { ClientMessage, UnsubscribeFlags } from './client-message.js';
import { MessageReader } from './message-reader.js';
import { ProtocolError } from './protocol-error.js';

const UNSUBSCRIBE_FLAGS: readonly UnsubscribeFlags[] = ['Default', 'SendDroppedRows'];

/** Decodes exactly one v2 client message; trailing bytes are an error, as in SpacetimeDB. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const reader = new MessageReader(frame);
  const message = readClientMessage(reader);
  if (reader.remaining !== 0) {
    throw new ProtocolError(`${reader.remaining} trailing byte(s) after a ${message.tag} message`);
  }
  return message;
}

/**
 * Decodes a v3 frame: one or more v2 client messages back to back. An empty
 * frame is an error (v3 payloads carry at least one message).
 */
export function decodeClientMessagesV3(frame: Uint8Array): ClientMessage[] {
  if (frame.length === 0) throw new ProtocolError('v3 payloads must contain at least one message');
  const reader = new MessageReader(frame);
  const messages: ClientMessage[] = [];
  while (reader.remaining > 0) messages.push(readClientMessage(reader));
  return messages;
}

function readClientMessage(reader: MessageReader): ClientMessage {
  const tag = reader.u8();
  switch (tag) {
    case 0: {
      const requestId = reader.u32();
      const querySetId = reader.u32();
      const count = reader.arrayLength(4, 'query_strings');
      const queryStrings: string[] = [];
      for (let i = 0; i < count; i++) queryStrings.push(reader.string('query string'));
      return { tag: 'Subscribe', requestId, querySetId, queryStrings };
    }
    case 1: {
      const requestId = reader.u32();
      const querySetId = reader.u32();
      const flagTag = reader.u8();
      const flags = UNSUBSCRIBE_FLAGS[flagTag];
      if (flags === undefined) throw new ProtocolError(`invalid unsubscribe flags tag ${flagTag}`);
      return { tag: 'Unsubscribe', requestId, querySetId, flags };
    }
    case 2:
      return { tag: 'OneOffQuery', requestId: reader.u32(), queryString: reader.string('query') };
    case 3: {
      const requestId = reader.u32();
      readReservedFlags(reader, 'call reducer');
      const reducer = reader.string('reducer name');
      return { tag: 'CallReducer', requestId, flags: 0, reducer, args: reader.bytesField('args') };
    }
    case 4: {
      const requestId = reader.u32();
      readReservedFlags(reader, 'call procedure');
      const procedure = reader.string('procedure name');
      const args = reader.bytesField('args');
      return { tag: 'CallProcedure', requestId, flags: 0, procedure, args };
    }
    default:
      throw new ProtocolError(`unknown client message tag ${tag}`);
  }
}

/** SpacetimeDB's `CallReducerFlags`/`CallProcedureFlags`: only `Default` (0) exists. */
function readReservedFlags(reader: MessageReader, what: string): void {
  const flags = reader.u8();
  if (flags !== 0) throw new ProtocolError(`invalid ${what} flag ${flags}`);
}
