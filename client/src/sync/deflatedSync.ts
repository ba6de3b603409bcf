import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SYNC_DEFLATE_PARAM, SYNC_DEFLATED_MESSAGE } from '../../../shared/protocol/deflatedSync.js';

/** The websocket URL's parameters by which this client asks for a big first state deflated. */
export const DEFLATED_SYNC_PARAMS: Readonly<Record<string, string>> = {
  [SYNC_DEFLATE_PARAM.name]: SYNC_DEFLATE_PARAM.value,
};

/** Raw inflate with the browser's own DecompressionStream (no library needed). */
export async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Teaches a y-websocket provider the deflated first state (shared/protocol/deflatedSync.ts):
 * inflated, applied like a sync step 2 (with the provider as origin, so it is not sent back)
 * and, if that connection is still the provider's, the provider is synced. Updates that
 * arrive while it inflates wait in Yjs until the state they build on is there.
 */
export function acceptDeflatedSync(provider: WebsocketProvider, onError: (err: unknown) => void): void {
  provider.messageHandlers[SYNC_DEFLATED_MESSAGE] = (_encoder, decoder, p, emitSynced) => {
    const deflated = decoding.readVarUint8Array(decoder);
    const ws = p.ws;
    inflateRaw(deflated)
      .then((update) => {
        Y.applyUpdate(p.doc, update, p);
        if (emitSynced && p.ws === ws && !p.synced) p.synced = true;
      })
      .catch(onError);
  };
}
