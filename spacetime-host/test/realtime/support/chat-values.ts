// BSATN of the chat fixture's reducer arguments and rows, for raw-protocol tests.
import { BinaryReader, BinaryWriter } from 'spacetimedb';

export function stringArg(text: string): Uint8Array {
  const writer = new BinaryWriter(16);
  writer.writeString(text);
  return writer.getBuffer().slice();
}

export function u32Args(...values: number[]): Uint8Array {
  const writer = new BinaryWriter(16);
  for (const value of values) writer.writeU32(value);
  return writer.getBuffer().slice();
}

export const NO_ARGS = new Uint8Array(0);

/** A `message` row: id u64, sender identity, text, sent timestamp. */
export function readMessage(row: Uint8Array): { id: bigint; sender: bigint; text: string } {
  const reader = new BinaryReader(row);
  const id = reader.readU64();
  const sender = reader.readU256();
  const text = reader.readString();
  reader.readI64();
  return { id, sender, text };
}

/** A `user` row: identity, name option, online. */
export function readUser(row: Uint8Array): { identity: bigint; name?: string; online: boolean } {
  const reader = new BinaryReader(row);
  const identity = reader.readU256();
  const name = reader.readU8() === 0 ? reader.readString() : undefined;
  return { identity, ...(name !== undefined && { name }), online: reader.readBool() };
}

export function readString(bytes: Uint8Array): string {
  return new BinaryReader(bytes).readString();
}
