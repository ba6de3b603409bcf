/**
 * The two wire dialects the bench speaks: y-websocket's (floor, stock y-websocket, Tavlen:
 * one doc per socket, messages start with the message type) and Hocuspocus's (every message
 * starts with the document name; the socket authenticates first). Only what a client needs to
 * send edits and read them back.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

export type Dialect = 'y-websocket' | 'hocuspocus';

const MESSAGE_SYNC = 0;
/** Hocuspocus answers a sync step 1 with "SyncReply", a sync message that asks nothing back. */
const HOCUSPOCUS_SYNC_REPLY = 4;
const HOCUSPOCUS_AUTH = 2;
const AUTH_TOKEN = 0;

function frame(dialect: Dialect, docName: string, write: (enc: encoding.Encoder) => void): Uint8Array {
  const enc = encoding.createEncoder();
  if (dialect === 'hocuspocus') encoding.writeVarString(enc, docName);
  write(enc);
  return encoding.toUint8Array(enc);
}

export function updateMessage(dialect: Dialect, docName: string, update: Uint8Array): Uint8Array {
  return frame(dialect, docName, (enc) => {
    encoding.writeVarUint(enc, MESSAGE_SYNC);
    syncProtocol.writeUpdate(enc, update);
  });
}

export function syncStep1Message(dialect: Dialect, docName: string, stateVector: Uint8Array): Uint8Array {
  return frame(dialect, docName, (enc) => {
    encoding.writeVarUint(enc, MESSAGE_SYNC);
    encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(enc, stateVector);
  });
}

/** Hocuspocus's first message on a socket: the (trivial) token its onAuthenticate hook checks. */
export function authMessage(docName: string, token: string): Uint8Array {
  return frame('hocuspocus', docName, (enc) => {
    encoding.writeVarUint(enc, HOCUSPOCUS_AUTH);
    encoding.writeVarUint(enc, AUTH_TOKEN);
    encoding.writeVarString(enc, token);
  });
}

/** The Yjs update carried by a sync step 2 or update message; null for anything else. */
export function readUpdate(dialect: Dialect, data: Uint8Array): Uint8Array | null {
  const dec = decoding.createDecoder(data);
  if (dialect === 'hocuspocus') decoding.readVarString(dec);
  const type = decoding.readVarUint(dec);
  if (type !== MESSAGE_SYNC && !(dialect === 'hocuspocus' && type === HOCUSPOCUS_SYNC_REPLY)) return null;
  const kind = decoding.readVarUint(dec);
  if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) return null;
  return decoding.readVarUint8Array(dec);
}
