/**
 * The storage contract (server/storage/types.ts): the same tests against every adapter, each
 * on a fresh database. Two adapter instances on one database are two server nodes. Every Yjs
 * check loads the board from storage and compares the document's content, so a lost or
 * duplicated row shows as a missing or extra key, whatever the seqs say.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StorageOptions } from '../../server/storage/sqlite.js';
import { LogConflictError, type Storage, type StoredBoard } from '../../server/storage/index.js';
import { isEveningMember, teamAccessOf } from '../../shared/rules/organisation.js';

export interface ContractDatabase {
  /** Opens an adapter (a "node") on this database; migrations run on open. */
  open(opts?: StorageOptions): Promise<Storage>;
  /** Runs one SQL statement outside the adapter (same text in both dialects: no parameters). */
  sql(query: string): Promise<unknown[]>;
  cleanup(): Promise<void>;
}

export interface ContractTarget {
  /** A new, empty database. */
  fresh(): Promise<ContractDatabase>;
}

const BOARD = 'b1';
const DAY = 86_400_000;

/** One Yjs update that sets `key` (from its own client, as a browser's edit would be). */
function edit(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, key);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** The board's keys as storage rebuilds it: snapshot, then every logged update. */
function keysOf(stored: StoredBoard): string[] {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  const keys = [...doc.getMap('m').keys()].sort();
  doc.destroy();
  return keys;
}

const range = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

async function setUpDirectory(s: Storage): Promise<void> {
  await s.createMunicipality({ id: 'm1', name: 'Kommune' });
  await s.createTeam({ id: 't1', municipalityId: 'm1', name: 'Team Øst' });
  await s.createBoard({ id: BOARD, teamId: 't1', name: 'Tavle' }, edit('start'));
}

export function storageContract(name: string, target: () => ContractTarget): void {
  describe(`storage contract: ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    async function database(): Promise<ContractDatabase> {
      const db = await target().fresh();
      cleanups.push(() => db.cleanup());
      return db;
    }
    async function node(db: ContractDatabase, opts?: StorageOptions): Promise<Storage> {
      const s = await db.open(opts);
      let closed = false;
      cleanups.push(async () => {
        if (!closed) await s.close();
      });
      const close = s.close.bind(s);
      s.close = async () => {
        closed = true;
        await close();
      };
      return s;
    }

    it('durability: what was stored is there after close and reopen', async () => {
      const db = await database();
      const a = await node(db);
      await setUpDirectory(a);
      await a.createUser({
        id: 'u1',
        username: 'anne',
        passwordHash: 'h',
        role: 'ssh',
        name: 'Anne',
        lang: 'da',
        color: '#000',
      });
      await a.addTeamMember('u1', 't1');
      await Promise.all(range(20, 'k').map((k) => a.appendUpdate(BOARD, edit(k))));
      await a.appendAudit({ at: Date.now(), userId: 'u1', boardId: BOARD, cardId: null, action: 'x', detail: {} });
      await a.createSession('hash', { userId: 'u1', expiresAt: Date.now() + DAY });
      await a.close();

      const b = await node(db);
      expect(keysOf(await b.loadBoard(BOARD))).toEqual(['start', ...range(20, 'k')].sort());
      expect((await b.findUserByUsername('anne'))?.id).toBe('u1');
      expect((await b.boardsOfUser('u1')).map((x) => x.id)).toEqual([BOARD]);
      expect((await b.auditLog(BOARD, 10)).map((e) => e.action)).toEqual(['x']);
      expect((await b.getSession('hash'))?.userId).toBe('u1');
    });

    it('ordering: seqs grow with every append, reads are ascending, updatesAfter is exact', async () => {
      const s = await node(await database());
      await setUpDirectory(s);
      const seqs: number[] = [];
      for (const k of range(10, 'k')) seqs.push(await s.appendUpdate(BOARD, edit(k)));
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(10);
      const stored = await s.loadBoard(BOARD);
      expect(stored.updates.map((u) => u.seq)).toEqual(seqs);
      expect((await s.updatesAfter(BOARD, seqs[6]!))?.map((u) => u.seq)).toEqual(seqs.slice(7));
      await s.compact(BOARD);
      // Folded past the caller's position: it must reload rather than miss rows.
      expect(await s.updatesAfter(BOARD, seqs[6]!)).toBeNull();
      const next = await s.appendUpdate(BOARD, edit('later'));
      expect(next).toBeGreaterThan(seqs[9]!);
      expect((await s.updatesAfter(BOARD, seqs[9]!))?.map((u) => u.seq)).toEqual([next]);
    });

    it('group commit: a write that fails is refused alone, the others in its batch are stored', async () => {
      const s = await node(await database());
      await setUpDirectory(s);
      const results = await Promise.allSettled([
        s.appendUpdate(BOARD, edit('k1')),
        s.appendUpdate('no-such-board', edit('lost')),
        s.appendUpdate(BOARD, edit('k2')),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(keysOf(await s.loadBoard(BOARD))).toEqual(['k1', 'k2', 'start']);
      expect((await s.loadBoard('no-such-board')).updates).toHaveLength(0);
    });

    it('two nodes appending at once: every update stored once, seqs unique', async () => {
      const db = await database();
      const a = await node(db);
      await setUpDirectory(a);
      const b = await node(db);
      const seqs = await Promise.all([
        ...range(40, 'a').map((k) => a.appendUpdate(BOARD, edit(k))),
        ...range(40, 'b').map((k) => b.appendUpdate(BOARD, edit(k))),
      ]);
      expect(new Set(seqs).size).toBe(80);
      const c = await node(db);
      const stored = await c.loadBoard(BOARD);
      expect(stored.updates).toHaveLength(80);
      expect(keysOf(stored)).toEqual(['start', ...range(40, 'a'), ...range(40, 'b')].sort());
    });

    it("one node's compaction never deletes another node's rows (the range-delete flaw)", async () => {
      const db = await database();
      const a = await node(db);
      await setUpDirectory(a);
      const b = await node(db);
      await a.appendUpdate(BOARD, edit('a1'));
      await b.appendUpdate(BOARD, edit('b1'));
      await a.appendUpdate(BOARD, edit('a2'));
      await a.compact(BOARD);
      await b.appendUpdate(BOARD, edit('b2'));
      await b.compact(BOARD);
      const stored = await (await node(db)).loadBoard(BOARD);
      expect(keysOf(stored)).toEqual(['a1', 'a2', 'b1', 'b2', 'start']);
      expect(stored.updates).toHaveLength(0);
    });

    it("compaction writes the caller's doc only when the database holds nothing it lacks", async () => {
      const db = await database();
      const a = await node(db);
      await setUpDirectory(a);
      const b = await node(db);
      /** A node's doc: what it loaded plus its own appends (`extra` marks the hint's snapshot). */
      const hintOf = (stored: StoredBoard, own: Map<number, Uint8Array>, extra: string) => {
        const doc = new Y.Doc();
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
        for (const u of [...stored.updates.map((x) => x.update), ...own.values()]) Y.applyUpdate(doc, u);
        Y.applyUpdate(doc, edit(extra));
        const known = new Set([...stored.updates.map((u) => u.seq), ...own.keys()]);
        return {
          snapshot: Y.encodeStateAsUpdate(doc),
          basis: stored.snapshotToken!,
          contains: (seq: number) => known.has(seq),
        };
      };
      await a.appendUpdate(BOARD, edit('k0'));
      const loaded = await a.loadBoard(BOARD);
      const own = new Map<number, Uint8Array>();
      own.set(await a.appendUpdate(BOARD, edit('k1')), edit('k1'));
      // Covered: the stored snapshot is the doc's basis and every row is in the doc.
      const used = await a.compact(BOARD, hintOf(loaded, own, 'hint1'));
      expect(used.token).not.toBeNull();
      expect(keysOf(await b.loadBoard(BOARD))).toEqual(['hint1', 'k0', 'k1', 'start']);

      // Another node's row is not in the doc: fold, keep it.
      const base = await a.loadBoard(BOARD);
      own.clear();
      own.set(await a.appendUpdate(BOARD, edit('a2')), edit('a2'));
      await b.appendUpdate(BOARD, edit('b2'));
      const folded = await a.compact(BOARD, hintOf(base, own, 'hint2'));
      expect(folded.token).toBeNull();
      expect(keysOf(await b.loadBoard(BOARD))).toEqual(['a2', 'b2', 'hint1', 'k0', 'k1', 'start']);

      // The snapshot changed under the doc (another node compacted): fold.
      const stale = await a.loadBoard(BOARD);
      own.clear();
      own.set(await a.appendUpdate(BOARD, edit('a3')), edit('a3'));
      await b.appendUpdate(BOARD, edit('b3'));
      await b.compact(BOARD);
      const again = await a.appendUpdate(BOARD, edit('a4'));
      own.set(again, edit('a4'));
      expect((await a.compact(BOARD, hintOf(stale, own, 'hint3'))).token).toBeNull();
      expect(keysOf(await b.loadBoard(BOARD))).toEqual(
        ['a2', 'a3', 'a4', 'b2', 'b3', 'hint1', 'k0', 'k1', 'start'].sort(),
      );
    });

    it('compaction racing appends on two nodes: nothing lost, nothing duplicated', async () => {
      const db = await database();
      const a = await node(db);
      await setUpDirectory(a);
      const b = await node(db);
      let writing = true;
      const compactor = async (s: Storage) => {
        let runs = 0;
        while (writing) {
          await s.compact(BOARD);
          runs++;
          await new Promise((r) => setImmediate(r));
        }
        return runs;
      };
      const writers = Array.from({ length: 20 }, async (_, w) => {
        for (const k of range(15, `w${w}-`)) await (w % 2 === 0 ? a : b).appendUpdate(BOARD, edit(k));
      });
      // Several compactions per node at once: each must see the others' results or wait.
      const compactions = [compactor(a), compactor(b), compactor(a), compactor(b)];
      await Promise.all(writers);
      writing = false;
      expect((await Promise.all(compactions)).every((n) => n > 0)).toBe(true);
      await a.compact(BOARD);
      const stored = await (await node(db)).loadBoard(BOARD);
      const expected = ['start', ...Array.from({ length: 20 }, (_, w) => range(15, `w${w}-`)).flat()].sort();
      expect(keysOf(stored)).toEqual(expected);
      expect(stored.updates).toHaveLength(0);
      // Every row folded went to the history once: the restore sees all of it.
      const hist = await b.loadBoardAt(BOARD, Date.now() + 1000);
      expect(hist && keysOf(hist)).toEqual(expected);
    });

    it('epochs: a rebuild replaces snapshot and log, and is refused if the board moved on', async () => {
      const db = await database();
      const a = await node(db);
      await setUpDirectory(a);
      const b = await node(db);
      await a.appendUpdate(BOARD, edit('k1'));
      const loaded = await a.loadBoard(BOARD);
      const upto = loaded.updates.at(-1)!.seq;
      // Another node appends after the load: the rebuilt doc would lack it.
      await b.appendUpdate(BOARD, edit('k2'));
      const record = { epoch: 1, prevStateVector: new Uint8Array([1, 2, 3]), rebuiltAt: 1 };
      await expect(a.rebuildEpoch(BOARD, edit('rebuilt'), upto, record)).rejects.toBeInstanceOf(LogConflictError);
      expect(await a.boardEpoch(BOARD, 1)).toBeNull();
      expect(keysOf(await a.loadBoard(BOARD))).toEqual(['k1', 'k2', 'start']);

      const again = await a.loadBoard(BOARD);
      await a.rebuildEpoch(BOARD, edit('rebuilt'), again.updates.at(-1)!.seq, record);
      const after = await b.loadBoard(BOARD);
      expect(after.updates).toHaveLength(0);
      expect(keysOf(after)).toEqual(['rebuilt']);
      const rec = await b.boardEpoch(BOARD, 1);
      expect(rec && { ...rec, prevStateVector: [...rec.prevStateVector] }).toEqual({
        epoch: 1,
        prevStateVector: [1, 2, 3],
        rebuiltAt: 1,
      });
      expect((await b.boardHistory(BOARD, 10)).snapshots.map((s) => s.kind)).toContain('epoch');
    });

    it('audit is append-only in the database itself; only retention deletes, and only old rows', async () => {
      const db = await database();
      const s = await node(db);
      await setUpDirectory(s);
      const now = Date.now();
      await s.appendAuditBatch([
        { at: now - 10 * DAY, userId: null, boardId: BOARD, cardId: null, action: 'old', detail: {} },
        { at: now, userId: null, boardId: BOARD, cardId: 'c1', action: 'new', detail: { cpr: '010203-1234' } },
      ]);
      await expect(db.sql(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/);
      await expect(db.sql(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
      await expect(db.sql(`UPDATE audit_retention SET purge_before = 99999999999999`)).rejects.toThrow(/future/);
      await expect(db.sql(`DELETE FROM audit_retention`)).rejects.toThrow(/keeps its row/);
      expect((await s.auditLog(BOARD, 10)).map((e) => e.action)).toEqual(['new', 'old']);
      // CPR numbers are masked on the way in, whatever the caller sent.
      expect(JSON.stringify((await s.auditLog(BOARD, 1))[0]!.detail)).not.toContain('010203-1234');

      expect(await s.purgeAuditBefore(now - DAY)).toBe(1);
      expect((await s.searchAudit({ boardId: BOARD, limit: 10 })).map((e) => e.action)).toEqual(['new']);
      // The cutoff opened only the rows older than it.
      await expect(db.sql(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    });

    it('retention: history, archive and sessions', async () => {
      let clock = Date.parse('2026-11-01T08:00:00Z');
      const db = await database();
      const s = await node(db, { now: () => clock, historySnapshotMinutes: 60 });
      await setUpDirectory(s);
      for (let day = 0; day < 3; day++) {
        await s.appendUpdate(BOARD, edit(`d${day}`));
        await s.compact(BOARD);
        clock += DAY;
      }
      const cutoff = clock - DAY - 1;
      const pruned = await s.pruneHistoryBefore(cutoff);
      expect(pruned.snapshots).toBeGreaterThan(0);
      expect(await s.loadBoardAt(BOARD, cutoff - DAY)).toBeNull();
      const at = await s.loadBoardAt(BOARD, cutoff);
      expect(at && keysOf(at)).toEqual(['d0', 'd1', 'start']);
      expect(await s.pruneHistoryBefore(cutoff)).toEqual({ snapshots: 0, updates: 0 });

      await s.archiveCards([
        { boardId: BOARD, cardId: 'c1', name: 'Søren Ærø', closedOn: '2025-01-01', archivedAt: 1, card: { a: 1 } },
        { boardId: BOARD, cardId: 'c2', name: 'Åse Berg', closedOn: '2026-10-01', archivedAt: 2, card: { a: 2 } },
      ]);
      expect((await s.searchArchive(BOARD, 'ærø', 10)).map((c) => c.cardId)).toEqual(['c1']);
      expect(await s.purgeArchivedClosedBefore('2026-01-01')).toEqual([{ boardId: BOARD, count: 1 }]);
      expect(await s.getArchivedCard(BOARD, 'c1')).toBeNull();
      expect((await s.getArchivedCard(BOARD, 'c2'))?.card).toEqual({ a: 2 });

      await s.createUser({
        id: 'u1',
        username: 'u',
        passwordHash: 'h',
        role: 'ssh',
        name: 'U',
        lang: 'da',
        color: '#0',
      });
      await s.createSession('old', { userId: 'u1', expiresAt: 10 });
      await s.createSession('new', { userId: 'u1', expiresAt: clock + DAY });
      expect(await s.deleteExpiredSessions(clock)).toBe(1);
      expect(await s.getSession('old')).toBeNull();
      expect(await s.deleteSessionsOfUser('u1')).toBe(1);
    });

    it('migrations: idempotent, and nodes starting at once on an empty database all succeed', async () => {
      const db = await database();
      const nodes = await Promise.all([node(db), node(db), node(db)]);
      await setUpDirectory(nodes[0]!);
      await nodes[1]!.appendUpdate(BOARD, edit('k'));
      for (const n of nodes) await n.close();
      const again = await node(db);
      expect(keysOf(await again.loadBoard(BOARD))).toEqual(['k', 'start']);
    });

    it('directory, devices and Styring round-trip', async () => {
      const s = await node(await database());
      await setUpDirectory(s);
      const user = {
        id: 'u1',
        username: 'anne',
        passwordHash: 'h',
        role: 'ssh' as const,
        name: 'Anne',
        lang: 'da' as const,
        color: '#0',
      };
      await s.createUser(user);
      await s.setUserTeams('u1', ['t1']);
      await s.updateUser('u1', { readOnly: true, disabledAt: 5 });
      expect(await s.getAdminUser('u1')).toMatchObject({
        readOnly: true,
        disabledAt: 5,
        teamIds: ['t1'],
        municipalityId: 'm1',
      });
      expect((await s.listTeams('m1'))[0]).toMatchObject({ id: 't1', boardId: BOARD, memberCount: 0, kind: 'kommune' });
      await s.renameTeam('t1', 'Team Vest');
      expect((await s.getBoard(BOARD))?.name).toBe('Tavle Team Vest');
      await s.updateMunicipalityConfig('m1', { delegation: '"solrod"', swapSettings: '{}' });
      expect(await s.boardConfig(BOARD)).toMatchObject({
        municipalityId: 'm1',
        delegation: '"solrod"',
        cadenceTemplates: '[]',
      });
      expect(await s.linkUnlinkedUserOidc('u1', 'iss sub')).toBe(true);
      expect(await s.linkUnlinkedUserOidc('u1', 'iss other')).toBe(false);
      expect((await s.findUserByOidcSubject('iss sub'))?.id).toBe('u1');

      await s.createDevice({
        user: {
          id: 'd1',
          username: 'skaerm-1',
          passwordHash: '',
          role: 'skaerm',
          name: 'Skærm',
          lang: 'da',
          color: '#0',
        },
        teamId: 't1',
        createdAt: 1,
        createdBy: 'u1',
      });
      await s.setPairingCode('d1', 'code', Date.now() + 60_000);
      expect(await s.consumePairingCode('code', Date.now())).toBe('d1');
      expect(await s.consumePairingCode('code', Date.now())).toBeNull();
      expect((await s.devicesOfTeam('t1')).map((d) => d.id)).toEqual(['d1']);
      await s.deleteDevice('d1');
      expect(await s.getDevice('d1')).toBeNull();

      const visit = { citizenRef: 'r1', date: '2026-11-02', plannedMinutes: 30, deliveredMinutes: 25, helpType: 'bad' };
      expect(
        await s.styring.upsertVisits(
          'm1',
          [
            { visitId: 'v1', ...visit },
            { visitId: 'v2', ...visit },
          ],
          1,
        ),
      ).toEqual({ added: 2, updated: 0 });
      expect(await s.styring.upsertVisits('m1', [{ visitId: 'v1', ...visit, deliveredMinutes: 30 }], 2)).toEqual({
        added: 0,
        updated: 1,
      });
      expect(await s.styring.visitDays('m1', ['r1'], '2026-11-01', '2026-11-30')).toEqual([
        { citizenRef: 'r1', date: '2026-11-02', plannedMinutes: 60, deliveredMinutes: 55, visits: 2 },
      ]);
      await s.styring.upsertCardFacts(BOARD, [
        { cardId: 'c1', externalRef: 'r1', weeklyHours: 1.5, forlobTypeId: null, closed: false },
      ]);
      expect(await s.styring.cardFact(BOARD, 'c1')).toEqual({
        cardId: 'c1',
        externalRef: 'r1',
        weeklyHours: 1.5,
        forlobTypeId: null,
        closed: false,
      });
      await s.styring.appendCardEvents(BOARD, [
        { cardId: 'c1', kind: 'closed', at: 1, day: '2026-11-02', week: '2026-W45', detail: 'x', minutes: null },
        { cardId: 'c1', kind: 'closed', at: 2, day: '2026-11-02', week: '2026-W45', detail: 'x', minutes: 10 },
      ]);
      expect(await s.styring.eventCounts([BOARD], ['2026-W45'])).toEqual([
        { week: '2026-W45', kind: 'closed', detail: 'x', count: 2, minutesSum: 10, minutesCount: 1 },
      ]);
      await s.styring.setBoardState(BOARD, { at: 3, notDiscussed: 1, responseOverdue: 2, followUpsOverdue: 3 });
      expect(await s.styring.boardState(BOARD)).toEqual({
        at: 3,
        notDiscussed: 1,
        responseOverdue: 2,
        followUpsOverdue: 3,
      });
    });

    it('local offers and the care-signal settings round-trip, scoped to their municipality', async () => {
      const s = await node(await database());
      await setUpDirectory(s);
      await s.createMunicipality({ id: 'm2', name: 'Nabokommune' });
      const offer = {
        id: 'o1',
        municipalityId: 'm1',
        districtId: null,
        name: 'Besøgsven',
        what: 'En fast ven på besøg',
        area: 'Nord',
        contact: 'Frivilligcentret',
        tags: ['ensomhed'],
      };
      await s.offers.put(offer, 1000);
      // Another municipality cannot overwrite it by reusing the id.
      await s.offers.put({ ...offer, municipalityId: 'm2', name: 'Kapret' }, 2000);
      expect((await s.offers.get('m1', 'o1'))?.name).toBe('Besøgsven');
      expect(await s.offers.get('m2', 'o1')).toBeNull();
      expect(await s.offers.list('m1')).toEqual([{ ...offer, updatedAt: new Date(1000).toISOString() }]);
      expect(await s.offers.count('m1')).toBe(1);
      expect(await s.offers.existing('m1', ['o1', 'o2'])).toEqual(['o1']);
      expect(await s.offers.delete('m2', 'o1')).toBe(false);
      expect(await s.offers.delete('m1', 'o1')).toBe(true);
      expect(await s.offers.count('m1')).toBe(0);

      await s.updateMunicipalityConfig('m1', { careSignals: '{"laneEnabled":false}' });
      expect((await s.boardConfig(BOARD))?.careSignals).toBe('{"laneEnabled":false}');
      expect((await s.municipalitySettings('m1'))?.careSignals).toBe('{"laneEnabled":false}');
    });

    it('teamOrgsAround: the teams that decide a member’s reach, the same reach as from every team', async () => {
      const s = await node(await database());
      await setUpDirectory(s);
      await s.createMunicipality({ id: 'm2', name: 'Nabokommune' });
      // t1–t2 makkerteams, t3 evening team of t1 with makkerteam t4, t5 alone, t6 evening of t5;
      // x1 is another municipality's: never read for m1.
      for (const id of ['t2', 't3', 't4', 't5', 't6'])
        await s.createTeam({ id, municipalityId: 'm1', name: `Team ${id}` });
      await s.createTeam({ id: 'x1', municipalityId: 'm2', name: 'Team Nabo' });
      await s.org.setTeamOrg('t1', { partnerTeamId: 't2' });
      await s.org.setTeamOrg('t3', { eveningOfTeamId: 't1', partnerTeamId: 't4' });
      await s.org.setTeamOrg('t6', { eveningOfTeamId: 't5' });
      const all = await s.org.teamOrgs('m1');
      const ids = async (member: string[]) => (await s.org.teamOrgsAround('m1', member)).map((t) => t.teamId).sort();
      expect(await ids([])).toEqual([]);
      // An evening team's members reach its day team; the day team's members do not need it.
      expect(await ids(['t1'])).toEqual(['t1', 't2']);
      expect(await ids(['t2'])).toEqual(['t1', 't2']);
      expect(await ids(['t3'])).toEqual(['t1', 't3', 't4']);
      expect(await ids(['t6'])).toEqual(['t5', 't6']);
      expect(await ids(['x1'])).toEqual([]);
      const day = '2026-03-10';
      const members = [[], ['t1'], ['t2'], ['t3'], ['t4'], ['t5'], ['t6'], ['t1', 't6'], ['t3', 't5'], ['t2', 't4']];
      for (const memberTeamIds of members) {
        const around = await s.org.teamOrgsAround('m1', memberTeamIds);
        const user = { id: 'u', memberTeamIds };
        expect(teamAccessOf(user, around, [], day)).toEqual(teamAccessOf(user, all, [], day));
        for (const t of all) {
          expect(isEveningMember(memberTeamIds, around, t.teamId)).toBe(isEveningMember(memberTeamIds, all, t.teamId));
        }
      }
    });

    it('organisation: districts and pools, a symmetric makkerteam, evening team, covers by day, status upserts', async () => {
      const s = await node(await database());
      await setUpDirectory(s);
      await s.createTeam({ id: 't2', municipalityId: 'm1', name: 'Team Vest' });
      await s.createTeam({ id: 't3', municipalityId: 'm1', name: 'Team Aften' });
      for (const id of ['v1', 'v2']) {
        await s.createUser({
          id,
          username: id,
          passwordHash: 'h',
          role: 'visitator',
          name: id,
          lang: 'da',
          color: '#000',
        });
      }
      await s.addTeamMember('v1', 't3');
      expect(await s.org.memberTeamIds('v1')).toEqual(['t3']);

      await s.org.createDistrict({ id: 'd1', municipalityId: 'm1', name: 'Distrikt Kyst' });
      await expect(s.org.createDistrict({ id: 'd2', municipalityId: 'm1', name: 'Distrikt Kyst' })).rejects.toThrow();
      await s.org.renameDistrict('d1', 'Distrikt Strand');
      await s.org.setDistrictVisitators('d1', ['v2', 'v1', 'v2']);
      await s.org.setTeamOrg('t1', { districtId: 'd1', visitatorId: 'v1', partnerTeamId: 't2' });
      await s.org.setTeamOrg('t3', { eveningOfTeamId: 't1' });
      expect(await s.org.districts('m1')).toEqual([
        { id: 'd1', name: 'Distrikt Strand', teamIds: ['t1'], visitatorIds: ['v1', 'v2'] },
      ]);
      expect(await s.org.districtMunicipality('d1')).toBe('m1');
      expect(await s.org.teamMunicipality('t2')).toBe('m1');
      const org = async () => Object.fromEntries((await s.org.teamOrgs('m1')).map((t) => [t.teamId, t]));
      expect((await org()).t1).toMatchObject({ districtId: 'd1', partnerTeamId: 't2', visitatorId: 'v1' });
      expect((await org()).t2?.partnerTeamId).toBe('t1');
      expect((await org()).t3?.eveningOfTeamId).toBe('t1');
      // A new partner for Vest unlinks Øst on both sides.
      await s.org.setTeamOrg('t2', { partnerTeamId: 't3' });
      expect((await org()).t1?.partnerTeamId).toBeNull();
      expect((await org()).t3?.partnerTeamId).toBe('t2');

      const cover = { teamId: 't1', userId: 'v2', createdAt: 5, createdBy: null };
      await s.org.createCover({ id: 'c-old', ...cover, from: '2026-03-01', to: '2026-03-05' });
      await s.org.createCover({ id: 'c-now', ...cover, from: '2026-03-09', to: '2026-03-13' });
      expect((await s.org.covers('m1', '2026-03-06')).map((c) => c.id)).toEqual(['c-now']);
      expect(await s.org.coversOfUser('v2', '2026-03-05')).toEqual([
        {
          id: 'c-old',
          teamId: 't1',
          userId: 'v2',
          from: '2026-03-01',
          to: '2026-03-05',
          createdAt: 5,
          createdBy: null,
        },
        {
          id: 'c-now',
          teamId: 't1',
          userId: 'v2',
          from: '2026-03-09',
          to: '2026-03-13',
          createdAt: 5,
          createdBy: null,
        },
      ]);
      await s.org.deleteCover('c-now');
      expect(await s.org.getCover('c-now')).toBeNull();

      await s.org.setVisitatorStatus({ teamId: 't1', day: '2026-03-10', userId: 'v1', status: 'i_huset', setAt: 1 });
      await s.org.setVisitatorStatus({ teamId: 't1', day: '2026-03-10', userId: 'v2', status: 'remote', setAt: 2 });
      expect(await s.org.visitatorStatus('t1', '2026-03-10')).toEqual({
        teamId: 't1',
        day: '2026-03-10',
        userId: 'v2',
        status: 'remote',
        setAt: 2,
      });
      expect(await s.org.visitatorStatus('t1', '2026-03-11')).toBeNull();

      // Styring's district is the organisation's: named districts are found or made.
      await s.styring.setTeamStyring('t2', {
        staffHoursPerWeek: null,
        budgetPerWeek: null,
        district: 'Distrikt Strand',
      });
      await s.styring.setTeamStyring('t3', { staffHoursPerWeek: null, budgetPerWeek: null, district: 'Distrikt Nord' });
      const settings = Object.fromEntries((await s.styring.teamSettings('m1')).map((t) => [t.teamId, t.district]));
      expect(settings).toEqual({ t1: 'Distrikt Strand', t2: 'Distrikt Strand', t3: 'Distrikt Nord' });
      expect((await s.org.districts('m1')).map((d) => d.name)).toEqual(['Distrikt Nord', 'Distrikt Strand']);
    });
  });
}
