export type {
  CallProcedure,
  CallReducer,
  ClientMessage,
  OneOffQuery,
  Subscribe,
  Unsubscribe,
  UnsubscribeFlags,
} from './client-message.js';
export {
  COMPRESS_THRESHOLD,
  COMPRESSION_TAG,
  COMPRESSIONS,
  type Compression,
  compressFrame,
  DEFAULT_COMPRESSION,
  decompressFrame,
  plainFrame,
  shouldCompress,
} from './compression.js';
export { decodeClientMessage, decodeClientMessagesV3 } from './decode-client-message.js';
export { decodeServerMessage, decodeServerMessagesV3 } from './decode-server-message.js';
export { encodeClientMessage } from './encode-client-message.js';
export { writeServerMessage } from './encode-server-message.js';
export { MessageReader } from './message-reader.js';
export { ProtocolError } from './protocol-error.js';
export { type RowSizeHint, readRowList, readSizeHint, writeRowList } from './row-list.js';
export type * from './server-message.js';
export {
  negotiateProtocol,
  parseProtocolHeader,
  protocolName,
  V2_PROTOCOL,
  V3_PROTOCOL,
  type WsVersion,
} from './ws-protocol.js';
