/**
 * The two wire dialects the bench speaks: y-websocket's (floor, stock y-websocket, Tavlen:
 * one doc per socket, messages start with the message type) and Hocuspocus's (every message
 * starts with the document name; the socket authenticates first). Only what a client needs to
 * send edits and read them back.
 */
import { inflateRawSync } from 'node:zlib';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { SYNC_DEFLATED_MESSAGE } from '../shared/protocol/deflatedSync.js';

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
  // Tavlen's deflated first state, to a client that asked (shared/protocol/deflatedSync.ts).
  if (dialect === 'y-websocket' && type === SYNC_DEFLATED_MESSAGE) {
    return new Uint8Array(inflateRawSync(decoding.readVarUint8Array(dec)));
  }
  if (type !== MESSAGE_SYNC && !(dialect === 'hocuspocus' && type === HOCUSPOCUS_SYNC_REPLY)) return null;
  const kind = decoding.readVarUint(dec);
  if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) return null;
  return decoding.readVarUint8Array(dec);
}

const MESSAGE_AWARENESS = 1;

/**
 * A presence (awareness) message for one client: y-protocols' update encoding (count,
 * clientID, clock, JSON state), framed for the dialect. The clock tells the receivers which
 * send it was, so they can time it whatever the server did to the state.
 */
export function awarenessMessage(
  dialect: Dialect,
  docName: string,
  clientId: number,
  clock: number,
  state: unknown,
): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  return frame(dialect, docName, (enc) => {
    encoding.writeVarUint(enc, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
  });
}

/** The clock `clientId` has in a presence message; null when the message is not one or lacks it. */
export function readAwarenessClock(dialect: Dialect, data: Uint8Array, clientId: number): number | null {
  const dec = decoding.createDecoder(data);
  if (dialect === 'hocuspocus') decoding.readVarString(dec);
  if (decoding.readVarUint(dec) !== MESSAGE_AWARENESS) return null;
  const inner = decoding.createDecoder(decoding.readVarUint8Array(dec));
  const count = decoding.readVarUint(inner);
  for (let i = 0; i < count; i++) {
    const id = decoding.readVarUint(inner);
    const clock = decoding.readVarUint(inner);
    decoding.readVarString(inner);
    if (id === clientId) return clock;
  }
  return null;
}
