import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { TransactionOrigin } from './origins.js';

/**
 * Epoch rebuild (docs/protocol.md "Epochs"). In yjs 13.6 every transaction costs
 * O(clientIDs the doc has ever seen), and y-websocket takes a new clientID per page load, so
 * the server periodically copies a board's content as plain data into a fresh doc (one
 * clientID, no tombstones) and bumps `meta.epoch`. Old-epoch state must never be merged into
 * the new doc: a client with a stale cache re-submits its unsynced edits as plain writes
 * instead (`unsyncedChanges` + `applyChanges`).
 */

/** A doc value detached from any doc: plain JSON, or a Y type to be recreated. */
export type Portable =
  | { t: 'json'; v: unknown }
  | { t: 'map'; v: Record<string, Portable> }
  | { t: 'array'; v: Portable[] }
  | { t: 'text'; v: string };

/** One write the server never received: set `path` (root name, then map keys) to `value`. */
export interface EpochChange {
  path: string[];
  value: Portable;
}

/** Number of distinct clientIDs in the doc's state vector (what every transaction pays for). */
export function clientIdCount(doc: Y.Doc): number {
  return doc.store.clients.size;
}

/** The previous epoch's state vector travels as base64 in `GET /api/boards/:id/epoch`. */
export function stateVectorToBase64(sv: Uint8Array): string {
  return toBase64(sv);
}
export function stateVectorFromBase64(b64: string): Map<number, number> {
  return Y.decodeStateVector(fromBase64(b64));
}

export function toPortable(value: unknown): Portable {
  if (value instanceof Y.Map) {
    const v: Record<string, Portable> = {};
    (value as Y.Map<unknown>).forEach((inner, key) => (v[key] = toPortable(inner)));
    return { t: 'map', v };
  }
  if (value instanceof Y.Array) return { t: 'array', v: (value as Y.Array<unknown>).toArray().map(toPortable) };
  if (value instanceof Y.Text) return { t: 'text', v: value.toString() };
  if (value instanceof Y.AbstractType) throw new Error('unsupported shared type in board doc');
  return { t: 'json', v: value };
}

export function fromPortable(p: Portable): unknown {
  switch (p.t) {
    case 'json':
      return p.v;
    case 'map': {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(p.v)) m.set(k, fromPortable(v));
      return m;
    }
    case 'array': {
      const a = new Y.Array<unknown>();
      a.push(p.v.map(fromPortable));
      return a;
    }
    case 'text':
      return new Y.Text(p.v);
  }
}

type RootKind = 'map' | 'array' | 'text';

/**
 * The kind of each root type. A doc that only received updates holds untyped roots until
 * someone calls getMap/getArray; those are told apart by their content (list vs keys).
 */
function rootsOf(doc: Y.Doc): [string, RootKind][] {
  const roots: [string, RootKind][] = [];
  for (const [name, type] of doc.share) {
    const untyped = type.constructor === Y.AbstractType;
    if (untyped) roots.push([name, (type as { _start: unknown })._start !== null ? 'array' : 'map']);
    else if (type instanceof Y.Map) roots.push([name, 'map']);
    else if (type instanceof Y.Array) roots.push([name, 'array']);
    else if (type instanceof Y.Text) roots.push([name, 'text']);
    else throw new Error(`unsupported root type "${name}"`);
  }
  return roots;
}

/**
 * A new doc with the same content as `old`, every root copied as plain data (nested Y.Maps,
 * Y.Arrays and Y.Texts recreated), written by one clientID, with `meta.epoch` set to `epoch`.
 * History, tombstones and the old clientIDs are gone. Never Y.mergeUpdates (it keeps them all).
 */
export function rebuildDoc(old: Y.Doc, opts: { epoch: number; clientID: number }): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = opts.clientID;
  const roots = rootsOf(old);
  doc.transact(
    () => {
      for (const [name, kind] of roots) {
        if (kind === 'map') {
          const from = old.getMap<unknown>(name);
          const to = doc.getMap<unknown>(name);
          from.forEach((v, k) => to.set(k, fromPortable(toPortable(v))));
        } else if (kind === 'array') {
          doc.getArray<unknown>(name).push(
            old
              .getArray<unknown>(name)
              .toArray()
              .map((v) => fromPortable(toPortable(v))),
          );
        } else {
          doc.getText(name).insert(0, old.getText(name).toString());
        }
      }
      doc.getMap('meta').set('epoch', opts.epoch);
    },
    { source: 'server', reason: 'epoch' },
  );
  return doc;
}

/**
 * The edits in `local` (a browser's copy from the previous epoch) that the server never got:
 * exactly the map entries whose current Item has a clock ≥ the server's final state vector
 * of that epoch for its clientID. Such Items can only have been written by this browser (the
 * server had everything it relayed). A Y.Map created offline (e.g. a whole card) is one
 * change carrying its whole content; inside synced maps the walk goes down to the entries.
 *
 * Not covered: deletions made offline (a delete is not visible in a state vector) and root
 * Y.Arrays/Y.Texts (board docs have none). `meta.epoch` is never re-sent.
 */
export function unsyncedChanges(local: Y.Doc, serverStateVector: ReadonlyMap<number, number>): EpochChange[] {
  const changes: EpochChange[] = [];
  const unsynced = (item: Y.Item): boolean => item.id.clock >= (serverStateVector.get(item.id.client) ?? 0);
  const walk = (map: Y.Map<unknown>, path: string[]): void => {
    for (const [key, item] of map._map) {
      if (item.deleted) continue;
      if (path.length === 1 && path[0] === 'meta' && key === 'epoch') continue;
      const value = map.get(key);
      if (unsynced(item)) changes.push({ path: [...path, key], value: toPortable(value) });
      else if (value instanceof Y.Map) walk(value as Y.Map<unknown>, [...path, key]);
    }
  };
  for (const [name, kind] of rootsOf(local)) {
    if (kind === 'map') walk(local.getMap<unknown>(name), [name]);
  }
  return changes;
}

/**
 * Writes `changes` onto a doc of the new epoch in one transaction with the person's origin.
 * A change whose parent no longer exists (the card was deleted or archived meanwhile) is
 * skipped; one whose value is already there is not written again.
 */
export function applyChanges(
  doc: Y.Doc,
  changes: readonly EpochChange[],
  origin: TransactionOrigin,
): { applied: number; skipped: number } {
  let applied = 0;
  let skipped = 0;
  doc.transact(() => {
    for (const { path, value } of changes) {
      const [root, ...keys] = path;
      const last = keys.pop();
      if (root === undefined || last === undefined) {
        skipped++;
        continue;
      }
      let parent: Y.Map<unknown> | null = doc.getMap<unknown>(root);
      for (const k of keys) {
        const next: unknown = parent.get(k);
        parent = next instanceof Y.Map ? (next as Y.Map<unknown>) : null;
        if (!parent) break;
      }
      if (!parent) {
        skipped++;
        continue;
      }
      if (value.t === 'json' && JSON.stringify(parent.get(last)) === JSON.stringify(value.v)) continue;
      parent.set(last, fromPortable(value));
      applied++;
    }
  }, origin);
  return { applied, skipped };
}
