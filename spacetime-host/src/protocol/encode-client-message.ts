import { BinaryWriter } from 'spacetimedb';
import type { ClientMessage } from './client-message.js';

/** Encodes one v2 client message (what an SDK sends); a fresh copy of the bytes. */
export function encodeClientMessage(message: ClientMessage): Uint8Array {
  const writer = new BinaryWriter(64);
  switch (message.tag) {
    case 'Subscribe':
      writer.writeU8(0);
      writer.writeU32(message.requestId);
      writer.writeU32(message.querySetId);
      writer.writeU32(message.queryStrings.length);
      for (const query of message.queryStrings) writer.writeString(query);
      break;
    case 'Unsubscribe':
      writer.writeU8(1);
      writer.writeU32(message.requestId);
      writer.writeU32(message.querySetId);
      writer.writeU8(message.flags === 'Default' ? 0 : 1);
      break;
    case 'OneOffQuery':
      writer.writeU8(2);
      writer.writeU32(message.requestId);
      writer.writeString(message.queryString);
      break;
    case 'CallReducer':
      writer.writeU8(3);
      writer.writeU32(message.requestId);
      writer.writeU8(message.flags);
      writer.writeString(message.reducer);
      writer.writeUInt8Array(message.args);
      break;
    case 'CallProcedure':
      writer.writeU8(4);
      writer.writeU32(message.requestId);
      writer.writeU8(message.flags);
      writer.writeString(message.procedure);
      writer.writeUInt8Array(message.args);
      break;
  }
  return writer.getBuffer().slice();
}
