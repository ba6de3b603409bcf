import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardDoc,
  DEFAULT_PHASES,
  applyChanges,
  localOrigin,
  rebuildDoc,
  unsyncedChanges,
  type BoardInit,
} from '../../shared/index.js';

const INIT: BoardInit = { id: 'board-1', teamId: 'team-nord', name: 'Team Nord', phases: [...DEFAULT_PHASES] };
const phaseId = DEFAULT_PHASES[0]!.id;
const mette = localOrigin('u-mette');
const ole = localOrigin('u-ole');

function syncTo(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
}

describe('epoch rebuild while a browser is offline', () => {
  it("re-applies only the offline browser's unsynced edits, duplicating nothing synced", () => {
    // Epoch 0: a server and two browsers.
    const server = new BoardDoc(new Y.Doc());
    server.initialize(INIT);
    const offline = new BoardDoc(new Y.Doc());
    const online = new BoardDoc(new Y.Doc());
    for (let i = 0; i < 5; i++) server.createCard({ name: `Borger ${i}`, phaseId }, mette, `c-${i}`);
    syncTo(server.doc, offline.doc);
    syncTo(server.doc, online.doc);
    // Synced edits of the later-offline browser.
    offline.updateCard('c-1', { note: 'synkroniseret' }, mette);
    offline.addGoal('c-1', { kind: 'citizen', text: 'Går selv til købmanden' }, mette);
    syncTo(offline.doc, server.doc);

    // It goes offline and keeps working.
    offline.updateCard('c-2', { note: 'skrevet offline' }, mette);
    offline.moveCard('c-3', DEFAULT_PHASES[1]!.id, 0, mette);
    offline.createCard({ name: 'Ny Borger', phaseId }, mette, 'c-new');
    offline.updateCard('c-4', { note: 'offline på slettet kort' }, mette);
    // Meanwhile the other browser edits and deletes a card on the server.
    online.updateCard('c-0', { note: 'fra Ole' }, ole);
    online.deleteCard('c-4', ole);
    syncTo(online.doc, server.doc);

    // The server rebuilds into epoch 1 (no peers), keeping its final state vector.
    const prevSv = Y.decodeStateVector(Y.encodeStateVector(server.doc));
    const epoch1 = rebuildDoc(server.doc, { epoch: 1, clientID: 7 });

    // The browser reconnects, gets 4409, syncs a fresh doc and re-submits.
    const fresh = new BoardDoc(new Y.Doc());
    syncTo(epoch1, fresh.doc);
    const changes = unsyncedChanges(offline.doc, prevSv);
    const res = applyChanges(fresh.doc, changes, mette);
    syncTo(fresh.doc, epoch1);
    const result = new BoardDoc(epoch1);

    // c-2's note, c-3's move (position and movedAt; phaseEnteredAt is the same day), c-new; c-4 is gone
    expect(res).toEqual({ applied: 4, skipped: 1 });
    expect(result.meta()?.epoch).toBe(1);
    expect(result.card('c-2')?.note).toBe('skrevet offline');
    expect(result.card('c-3')?.position.phaseId).toBe(DEFAULT_PHASES[1]!.id);
    expect(result.card('c-new')?.name).toBe('Ny Borger');
    expect(result.card('c-0')?.note).toBe('fra Ole');
    expect(result.hasCard('c-4')).toBe(false);
    // Synced edits are there once, not duplicated.
    expect(result.card('c-1')?.note).toBe('synkroniseret');
    expect(result.card('c-1')?.lifecycle.goals).toHaveLength(1);
    expect(result.cards()).toHaveLength(5);
    // Only the re-submitting browser's clientID was added.
    expect(epoch1.store.clients.size).toBe(2);
  });
});
