import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { IdSchema } from '../../shared/model/ids.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { AwarenessState } from '../../shared/protocol/limits.js';
import { ProtocolError } from './protocol.js';

/** A connection rarely needs more than one Yjs client id (one per open tab/doc). */
const MAX_CLIENT_IDS_PER_CONNECTION = 8;

/**
 * Rewrites a client's awareness update so it can only speak for itself:
 * - only client ids this connection owns (first claim wins) are kept,
 * - `user` is replaced with the session's identity,
 * - of the rest only `editingCardId` survives.
 * Returns null when nothing is left. Throws ProtocolError when the update is malformed.
 */
export function sanitizeAwarenessUpdate(
  update: Uint8Array,
  ctx: {
    user: SessionUser;
    /** clientID → owner, shared by all connections of a board. */
    owners: Map<number, unknown>;
    owner: unknown;
    ownedIds: Set<number>;
    /** The server's own awareness client id, which nobody may claim. */
    serverClientId: number;
  },
): Uint8Array | null {
  const entries: { clientId: number; clock: number; state: AwarenessState | null }[] = [];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const raw: unknown = JSON.parse(decoding.readVarString(decoder));
      entries.push({ clientId, clock, state: raw === null ? null : sanitizeState(raw, ctx.user) });
    }
  } catch (err) {
    throw new ProtocolError(`malformed awareness update: ${(err as Error).message}`);
  }

  const kept = entries.filter(({ clientId, state }) => {
    if (clientId === ctx.serverClientId) return false;
    const owner = ctx.owners.get(clientId);
    if (owner !== undefined) return owner === ctx.owner;
    if (state === null || ctx.ownedIds.size >= MAX_CLIENT_IDS_PER_CONNECTION) return false;
    ctx.owners.set(clientId, ctx.owner);
    ctx.ownedIds.add(clientId);
    return true;
  });
  if (kept.length === 0) return null;

  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, kept.length);
  for (const { clientId, clock, state } of kept) {
    encoding.writeVarUint(enc, clientId);
    encoding.writeVarUint(enc, clock);
    encoding.writeVarString(enc, JSON.stringify(state));
  }
  return encoding.toUint8Array(enc);
}

function sanitizeState(raw: unknown, user: SessionUser): AwarenessState {
  const editing = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).editingCardId : null;
  return {
    user: { userId: user.id, name: user.name, role: user.role, color: user.color },
    editingCardId: IdSchema.safeParse(editing).success ? (editing as string) : null,
  };
}
