import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardDoc,
  DEFAULT_PHASES,
  DomainError,
  EMPTY_CARD_LOG,
  LOG_CHIPS,
  LogEntrySchema,
  MIGRATED_NOTE_ENTRY_ID,
  NewLogEntrySchema,
  eveningEntries,
  localOrigin,
  MeetingDoc,
  writeLogEntry,
  logRefusal,
  receiptKey,
  recipientOf,
  unreadFor,
  type CardLog,
  type LogEntry,
  type LogUser,
} from '../../shared/index.js';
import { ChangeCollector, checkLayout } from '../../shared/doc/changes.js';

const ANNE = { by: 'u-anne', byName: 'Anne Holm' };
const EVA = { by: 'u-eva', byName: 'Eva Mortensen' };
const asAnne = localOrigin('u-anne');
const asEva = localOrigin('u-eva');

function clock(start = '2026-11-24T09:00:00Z') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), tick: (ms = 60_000) => (t += ms) };
}

function board(now = clock().now, doc = new Y.Doc()): BoardDoc {
  const b = new BoardDoc(doc, { now });
  b.initialize({ id: 'tavle-test', teamId: 'team-nord', name: 'Test', phases: [...DEFAULT_PHASES] });
  return b;
}

function sync(a: BoardDoc, b: BoardDoc): void {
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)));
  Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)));
}

describe('LogEntrySchema: an entry as stored', () => {
  const entry: LogEntry = {
    id: 'l1',
    at: '2026-11-24T09:00:00.000Z',
    ...ANNE,
    kind: 'observation',
    text: 'Faldet i badeværelset',
    routedTo: 'visitator',
  };

  it('accepts each kind and route, and no route', () => {
    for (const kind of ['observation', 'team', 'visitator', 'evening'] as const) {
      expect(LogEntrySchema.safeParse({ ...entry, kind }).success).toBe(true);
    }
    for (const routedTo of ['visitator', 'agenda', 'evening'] as const) {
      expect(LogEntrySchema.safeParse({ ...entry, routedTo }).success).toBe(true);
    }
    const { routedTo: _r, ...unrouted } = entry;
    expect(LogEntrySchema.safeParse(unrouted).success).toBe(true);
  });

  it('refuses an empty text, a CPR number, an unknown kind or route', () => {
    expect(LogEntrySchema.safeParse({ ...entry, text: '   ' }).success).toBe(false);
    expect(LogEntrySchema.safeParse({ ...entry, text: 'Borger 010203-1234 faldt' }).success).toBe(false);
    expect(LogEntrySchema.safeParse({ ...entry, kind: 'note' }).success).toBe(false);
    expect(LogEntrySchema.safeParse({ ...entry, routedTo: 'team' }).success).toBe(false);
  });

  it('the chips are short, distinct Danish phrases that are valid entry texts', () => {
    expect(LOG_CHIPS.length).toBeGreaterThanOrEqual(5);
    expect(new Set(LOG_CHIPS).size).toBe(LOG_CHIPS.length);
    for (const chip of LOG_CHIPS)
      expect(NewLogEntrySchema.safeParse({ ...ANNE, kind: 'observation', text: chip }).success).toBe(true);
  });
});

describe('BoardDoc: the card log', () => {
  it('adds entries under fresh ids and reads them oldest first, with who read which', () => {
    const c = clock();
    const b = board(c.now);
    const id = b.createCard({ name: 'Karen Jensen', phaseId: 'henvist' }, asAnne);
    expect(b.cardLog(id)).toEqual(EMPTY_CARD_LOG);
    const first = b.addLogEntry(id, { ...ANNE, kind: 'observation', text: 'Spiser dårligt' }, asAnne);
    c.tick();
    const second = b.addLogEntry(id, { ...ANNE, kind: 'visitator', text: 'Faldet', routedTo: 'visitator' }, asAnne);
    expect(first).toMatch(/^l[0-9a-f]{16}$/);
    expect(first).not.toBe(second);
    c.tick();
    expect(b.markLogRead(id, second, EVA, asEva)).toBe(true);
    expect(b.markLogRead(id, second, EVA, asEva)).toBe(false);
    const log = b.cardLog(id);
    expect(log.entries.map((e) => [e.id, e.text, e.at])).toEqual([
      [first, 'Spiser dårligt', '2026-11-24T09:00:00.000Z'],
      [second, 'Faldet', '2026-11-24T09:01:00.000Z'],
    ]);
    expect(log.readBy).toEqual({ [second]: [{ entryId: second, ...EVA, at: '2026-11-24T09:02:00.000Z' }] });
    expect(b.cardLogs()).toEqual(new Map([[id, log]]));
  });

  it('returns the same log object while nothing in it changed (cheap re-renders)', () => {
    const b = board();
    const id = b.createCard({ name: 'Karen Jensen', phaseId: 'henvist' }, asAnne);
    b.addLogEntry(id, { ...ANNE, kind: 'team', text: 'Ny medicin' }, asAnne);
    const log = b.cardLog(id);
    b.updateCard(id, { triage: 'red' }, asAnne);
    expect(b.cardLog(id)).toBe(log);
    b.addLogEntry(id, { ...ANNE, kind: 'team', text: 'Mere træt' }, asAnne);
    expect(b.cardLog(id)).not.toBe(log);
  });

  it('validates before writing: an empty text, an unknown card or entry write nothing', () => {
    const b = board();
    const id = b.createCard({ name: 'Karen Jensen', phaseId: 'henvist' }, asAnne);
    const before = Y.encodeStateVector(b.doc);
    expect(() => b.addLogEntry(id, { ...ANNE, kind: 'team', text: ' ' }, asAnne)).toThrow();
    expect(() => b.addLogEntry('nope', { ...ANNE, kind: 'team', text: 'x' }, asAnne)).toThrow(DomainError);
    expect(() => b.markLogRead(id, 'l-nope', EVA, asEva)).toThrow(DomainError);
    expect(Y.encodeStateVector(b.doc)).toEqual(before);
  });

  it('two people writing at once, offline, both keep their entry; two readers both keep their receipt', () => {
    const a = board();
    const id = a.createCard({ name: 'Karen Jensen', phaseId: 'henvist' }, asAnne);
    const b = board(clock().now, new Y.Doc());
    sync(a, b);
    const one = a.addLogEntry(id, { ...ANNE, kind: 'observation', text: 'Faldet' }, asAnne);
    const two = b.addLogEntry(id, { ...EVA, kind: 'team', text: 'Pårørende ringet' }, asEva);
    sync(a, b);
    a.markLogRead(id, two, ANNE, asAnne);
    b.markLogRead(id, one, EVA, asEva);
    b.markLogRead(id, two, EVA, asEva);
    sync(a, b);
    for (const doc of [a, b]) {
      expect(
        doc
          .cardLog(id)
          .entries.map((e) => e.id)
          .sort(),
      ).toEqual([one, two].sort());
      expect(
        doc
          .cardLog(id)
          .readBy[two]!.map((r) => r.by)
          .sort(),
      ).toEqual(['u-anne', 'u-eva']);
      expect(doc.cardLog(id).readBy[one]!.map((r) => r.by)).toEqual(['u-eva']);
    }
  });

  it('skips garbage a raw client wrote: an entry under another id, a receipt under another key', () => {
    const b = board();
    const id = b.createCard({ name: 'Karen Jensen', phaseId: 'henvist' }, asAnne);
    const good = b.addLogEntry(id, { ...ANNE, kind: 'team', text: 'Faldet' }, asAnne);
    const m = b.cardsMap.get(id)!;
    const log = m.get('log') as Y.Map<unknown>;
    const reads = m.get('logReads') as Y.Map<unknown>;
    b.doc.transact(() => {
      log.set('l-other', { ...b.cardLog(id).entries[0], id: 'l-wrong' });
      log.set('l-bad', { id: 'l-bad', text: 42 });
      reads.set(receiptKey(good, 'u-anne'), { entryId: good, ...EVA, at: '2026-11-24T09:00:00.000Z' });
    });
    expect(b.cardLog(id).entries.map((e) => e.id)).toEqual([good]);
    expect(b.cardLog(id).readBy).toEqual({});
  });
});

describe('migrating the old Note into the log', () => {
  function legacyCard(b: BoardDoc, id: string, fields: Record<string, unknown>): void {
    b.doc.transact(() => {
      const m = new Y.Map<unknown>();
      m.set('name', 'Karen Jensen');
      m.set('position', { phaseId: 'henvist', key: 'a0' });
      for (const [k, v] of Object.entries(fields)) m.set(k, v);
      b.cardsMap.set(id, m);
    });
  }

  it("makes the note the first entry (observation, by system, at the card's creation), once", () => {
    const b = board(clock('2026-12-07T01:00:00Z').now);
    legacyCard(b, 'c-old', { note: 'Bruger rollator', createdAt: '2026-10-01T08:00:00.000Z' });
    legacyCard(b, 'c-new', { note: 'Uden oprettelse' });
    legacyCard(b, 'c-empty', { note: '' });
    expect(b.needsCardLogMigration()).toBe(true);
    expect(b.migrateCardLogs()).toBe(3);
    expect(b.cardLog('c-old').entries).toEqual([
      {
        id: MIGRATED_NOTE_ENTRY_ID,
        at: '2026-10-01T08:00:00.000Z',
        by: 'system',
        byName: 'Overført fra Note',
        kind: 'observation',
        text: 'Bruger rollator',
      },
    ]);
    expect(b.cardLog('c-new').entries[0]!.at).toBe('2026-12-07T01:00:00.000Z');
    expect(b.cardLog('c-empty').entries).toEqual([]);
    // every card has its log maps now, so first writes from two people never race
    for (const id of ['c-old', 'c-new', 'c-empty']) {
      expect(b.cardsMap.get(id)!.get('log')).toBeInstanceOf(Y.Map);
      expect(b.cardsMap.get(id)!.get('logReads')).toBeInstanceOf(Y.Map);
    }
    expect(b.needsCardLogMigration()).toBe(false);
    const state = Y.encodeStateVector(b.doc);
    expect(b.migrateCardLogs()).toBe(0);
    expect(Y.encodeStateVector(b.doc)).toEqual(state);
  });

  it('a card made by BoardDoc already has its log maps: nothing to migrate', () => {
    const b = board();
    b.createCard({ name: 'Karen Jensen', phaseId: 'henvist' }, asAnne);
    expect(b.needsCardLogMigration()).toBe(false);
  });
});

describe('the layout: a receipt sits under its own entryId:by key', () => {
  function stage(b: BoardDoc, edit: (card: Y.Map<unknown>) => void) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(b.doc));
    const collector = new ChangeCollector(doc);
    doc.transact(() => edit(doc.getMap<Y.Map<unknown>>('cards').get('c1')!));
    const { touched } = collector.take();
    collector.dispose();
    return checkLayout(doc, touched);
  }

  it("accepts one's own key and refuses a receipt under someone else's key", () => {
    const b = board();
    b.createCard({ name: 'Karen Jensen', phaseId: 'henvist' }, asAnne, 'c1');
    const entry = b.addLogEntry('c1', { ...ANNE, kind: 'team', text: 'Faldet' }, asAnne);
    const receipt = { entryId: entry, ...EVA, at: '2026-11-24T09:00:00.000Z' };
    const reads = (card: Y.Map<unknown>) => card.get('logReads') as Y.Map<unknown>;
    expect(stage(b, (card) => reads(card).set(`${entry}:u-eva`, receipt))).toBeNull();
    expect(stage(b, (card) => reads(card).set(`${entry}:u-anne`, receipt))).toMatchObject({ kind: 'invalid' });
    expect(stage(b, (card) => reads(card).set(`other:u-eva`, receipt))).toMatchObject({ kind: 'invalid' });
  });
});

describe('logRefusal: the log is append-only', () => {
  const e = (id: string, text = 'Faldet'): LogEntry => ({
    id,
    at: '2026-11-24T09:00:00.000Z',
    ...ANNE,
    kind: 'team',
    text,
  });
  const r = (entryId: string, by = 'u-eva') => ({ entryId, by, byName: 'X', at: '2026-11-24T10:00:00.000Z' });
  const log = (entries: LogEntry[], readBy: CardLog['readBy'] = {}): CardLog => ({ entries, readBy });

  it('allows adding entries and receipts', () => {
    expect(logRefusal(log([e('a')]), log([e('a'), e('b')], { a: [r('a')] }))).toBeNull();
    expect(logRefusal(EMPTY_CARD_LOG, log([e('a')]))).toBeNull();
  });

  it('refuses editing or deleting an entry, and changing or deleting a receipt', () => {
    expect(logRefusal(log([e('a')]), log([e('a', 'Rettet')]))).toBe('log.a');
    expect(logRefusal(log([e('a'), e('b')]), log([e('b')]))).toBe('log.a');
    expect(logRefusal(log([e('a')], { a: [r('a')] }), log([e('a')]))).toBe('logReads.a:u-eva');
    expect(
      logRefusal(log([e('a')], { a: [r('a')] }), log([e('a')], { a: [{ ...r('a'), at: '2026-11-25T10:00:00.000Z' }] })),
    ).toBe('logReads.a:u-eva');
  });
});

describe('unreadFor: what is addressed to me and not read by me', () => {
  const entry = (id: string, over: Partial<LogEntry>): LogEntry => ({
    id,
    at: `2026-11-24T09:0${id.length}:00.000Z`,
    ...ANNE,
    kind: 'observation',
    text: 'x',
    ...over,
  });
  const entries = [
    entry('v', { kind: 'observation', routedTo: 'visitator' }),
    entry('vk', { kind: 'visitator' }),
    entry('tea', { kind: 'team' }),
    entry('even', { kind: 'evening' }),
    entry('evenr', { kind: 'observation', routedTo: 'evening' }),
    entry('agenda', { kind: 'observation', routedTo: 'agenda' }),
    entry('plainob', { kind: 'observation' }),
  ];
  const boardOf = (readBy: CardLog['readBy'] = {}) => ({ logs: new Map([['c1', { entries, readBy }]]) });
  const ids = (user: LogUser, readBy?: CardLog['readBy']) => unreadFor(user, boardOf(readBy)).map((u) => u.entry.id);
  const eva: LogUser = { id: 'u-eva', role: 'visitator', evening: false };
  const bent: LogUser = { id: 'u-bent', role: 'ssa', evening: false };

  it('the visitator gets what is handed to her and team messages, newest first', () => {
    expect(ids(eva)).toEqual(['tea', 'vk', 'v']);
  });

  it('a team member gets team messages; on the evening shift also the evening entries', () => {
    expect(ids(bent)).toEqual(['tea']);
    expect(ids({ ...bent, evening: true })).toEqual(['evenr', 'even', 'tea']);
  });

  it('never my own entries, never on the wall screen, never agenda or plain observations', () => {
    expect(ids({ id: 'u-anne', role: 'ssh', evening: true })).toEqual([]);
    expect(ids({ id: 'skaerm', role: 'skaerm', evening: true })).toEqual([]);
    expect(recipientOf({ kind: 'observation', routedTo: 'agenda' })).toBe('agenda');
    expect(recipientOf({ kind: 'observation' })).toBeNull();
  });

  it('an entry I have read is no longer unread; someone else reading it changes nothing for me', () => {
    const receipt = (by: string) => ({ entryId: 'v', by, byName: '', at: '2026-11-24T10:00:00.000Z' });
    expect(ids(eva, { v: [receipt('u-eva')] })).toEqual(['tea', 'vk']);
    expect(ids(eva, { v: [receipt('u-bent')] })).toEqual(['tea', 'vk', 'v']);
  });

  it('the Aftenvagt list has every evening entry, read or not, for everyone', () => {
    expect(eveningEntries(boardOf()).map((u) => u.entry.id)).toEqual(['evenr', 'even']);
  });
});

describe('writeLogEntry: "Aflever til tavlemødet" is a nomination too', () => {
  it('writes the entry and a nomination with its text in one transaction; other routes only the entry', () => {
    const b = board();
    const meetings = new MeetingDoc(b);
    const id = b.createCard({ name: 'Karen Jensen', phaseId: 'uge2' }, asAnne);
    let transactions = 0;
    b.doc.on('afterTransaction', () => transactions++);
    const agenda = writeLogEntry(
      meetings,
      id,
      { ...ANNE, kind: 'observation', text: 'Faldet to gange i weekenden', routedTo: 'agenda' },
      asAnne,
    );
    expect(transactions).toBe(1);
    expect(b.cardLog(id).entries.map((e) => [e.id, e.routedTo])).toEqual([[agenda.entryId, 'agenda']]);
    expect(meetings.nominations()).toEqual([
      expect.objectContaining({
        id: agenda.nominationId,
        cardId: id,
        by: 'u-anne',
        note: 'Faldet to gange i weekenden',
      }),
    ]);
    const visitator = writeLogEntry(
      meetings,
      id,
      { ...ANNE, kind: 'team', text: 'x'.repeat(300), routedTo: 'visitator' },
      asAnne,
    );
    expect(visitator.nominationId).toBeNull();
    expect(meetings.nominations()).toHaveLength(1);
  });

  it('keeps a long entry whole in the log and its first 200 characters on the agenda', () => {
    const b = board();
    const meetings = new MeetingDoc(b);
    const id = b.createCard({ name: 'Karen Jensen', phaseId: 'uge2' }, asAnne);
    const text = `${'Spiser dårligt. '.repeat(20)}Slut`;
    writeLogEntry(meetings, id, { ...ANNE, kind: 'observation', text, routedTo: 'agenda' }, asAnne);
    expect(b.cardLog(id).entries[0]!.text).toBe(text);
    expect(meetings.nominations()[0]!.note).toBe(text.slice(0, 200).trim());
  });
});
