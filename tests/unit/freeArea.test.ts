import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { BOARD_LAYOUT, conforms } from '../../shared/doc/layout.js';
import { localOrigin } from '../../shared/doc/origins.js';
import { projectBoardForScreen } from '../../shared/doc/screenProjection.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { FreeItemSchema, MAX_STROKE_POINTS, type FreeItem } from '../../shared/model/freeArea.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import {
  citizenWords,
  freeItemRefusal,
  isExpired,
  liveFreeItems,
  namesCitizen,
  wallFreeItems,
} from '../../shared/rules/freeArea.js';
import { refusalFor, refusalMessage, type BoardWrite } from '../../shared/rules/writeRules.js';
import { hostileFreeItems } from '../helpers/layoutSamples.js';

/*
 * The free area (issue #16): its stored shape, the expiry rule in the Danish calendar (fixed
 * clocks), who may change or delete what, and what the wall may show.
 */
const anne = localOrigin('u-anne');

const note = (over: Partial<FreeItem> = {}): FreeItem =>
  ({
    id: 'f1',
    kind: 'note',
    x: 100,
    y: 80,
    w: 200,
    h: 160,
    text: 'Bil 3 på værksted',
    colour: 'gul',
    by: 'u-anne',
    byName: 'Anne Holm',
    at: '2026-12-07T08:00:00.000Z',
    expiry: null,
    onScreen: false,
    ...over,
  }) as FreeItem;

const stroke = (over: Partial<FreeItem> = {}): FreeItem =>
  ({
    id: 'f2',
    kind: 'stroke',
    x: 10,
    y: 10,
    points: [0, 0, 10, 4, 20, 9],
    ink: 'sort',
    size: 4,
    by: 'u-anne',
    byName: 'Anne Holm',
    at: '2026-12-07T08:00:00.000Z',
    expiry: null,
    onScreen: true,
    ...over,
  }) as FreeItem;

describe('the stored item (model/freeArea.ts, the layout slot)', () => {
  const slot = BOARD_LAYOUT.freeItems.value;

  it('a note, a text and a stroke conform exactly', () => {
    expect(conforms(slot, note())).toBe(true);
    expect(conforms(slot, { ...note(), kind: 'text', colour: undefined })).toBe(false);
    const { colour: _c, ...plain } = note() as FreeItem & { colour: string };
    expect(conforms(slot, { ...plain, kind: 'text' })).toBe(true);
    expect(conforms(slot, stroke())).toBe(true);
  });

  it('refuses every hostile sample (tests/helpers/layoutSamples.ts), each for its own reason', () => {
    const samples = hostileFreeItems();
    expect(samples.length).toBe(12);
    for (const { label, value } of samples) expect(conforms(slot, value), label).toBe(false);
  });

  it('a stroke holds at most MAX_STROKE_POINTS points, in pairs of whole pixels', () => {
    const points = (n: number) => Array.from({ length: n * 2 }, (_, i) => i % 100);
    expect(FreeItemSchema.safeParse(stroke({ points: points(MAX_STROKE_POINTS) } as never)).success).toBe(true);
    expect(FreeItemSchema.safeParse(stroke({ points: points(MAX_STROKE_POINTS + 1) } as never)).success).toBe(false);
    expect(FreeItemSchema.safeParse(stroke({ points: [1, 2, 3] } as never)).success).toBe(false);
    expect(FreeItemSchema.safeParse(stroke({ points: [1.5, 2] } as never)).success).toBe(false);
  });
});

describe('expiry in the Danish calendar (rules/freeArea.ts isExpired)', () => {
  it('"i dag" lasts until Danish midnight, in winter and in summer time', () => {
    // 23:30 in Copenhagen (CET, UTC+1) on 7 December.
    const winter = note({ expiry: 'dag', at: '2026-12-07T22:30:00.000Z' });
    expect(isExpired(winter, new Date('2026-12-07T22:59:59.000Z'))).toBe(false);
    expect(isExpired(winter, new Date('2026-12-07T23:00:00.000Z'))).toBe(true);
    // 23:30 CEST (UTC+2) on 30 June: midnight is 22:00 UTC.
    const summer = note({ expiry: 'dag', at: '2026-06-30T21:30:00.000Z' });
    expect(isExpired(summer, new Date('2026-06-30T21:59:59.000Z'))).toBe(false);
    expect(isExpired(summer, new Date('2026-06-30T22:00:00.000Z'))).toBe(true);
  });

  it('"denne uge" lasts until Sunday midnight, also across the new year (ISO week 53)', () => {
    const monday = note({ expiry: 'uge', at: '2026-12-07T07:00:00.000Z' });
    expect(isExpired(monday, new Date('2026-12-13T22:59:59.000Z'))).toBe(false);
    expect(isExpired(monday, new Date('2026-12-13T23:00:00.000Z'))).toBe(true);
    // 28 December 2026 is in week 53 of 2026, which ends on Sunday 3 January 2027.
    const week53 = note({ expiry: 'uge', at: '2026-12-28T09:00:00.000Z' });
    expect(isExpired(week53, new Date('2027-01-03T12:00:00.000Z'))).toBe(false);
    expect(isExpired(week53, new Date('2027-01-04T08:00:00.000Z'))).toBe(true);
  });

  it('no expiry stays; the live items are the unexpired ones, oldest first', () => {
    const now = new Date('2027-06-01T08:00:00.000Z');
    expect(isExpired(note(), now)).toBe(false);
    const items = [
      note({ id: 'b', at: '2026-12-07T09:00:00.000Z' }),
      note({ id: 'gone', expiry: 'dag' }),
      note({ id: 'a', at: '2026-12-07T07:00:00.000Z' }),
    ];
    expect(liveFreeItems(items, now).map((i) => i.id)).toEqual(['a', 'b']);
  });
});

describe('who may change what (rules/freeArea.ts freeItemRefusal)', () => {
  const now = new Date('2026-12-07T10:00:00.000Z');

  it('a new item is in the writer own name and not dated ahead of the server clock', () => {
    expect(freeItemRefusal('ssh', 'u-anne', null, note(), now)).toBeNull();
    expect(freeItemRefusal('ssh', 'u-bent', null, note(), now)).toBe('free_item_author');
    expect(freeItemRefusal('ssh', 'u-anne', null, note({ at: '2099-01-01T00:00:00.000Z' }), now)).toBe(
      'free_item_author',
    );
  });

  it('anyone moves and resizes; only the author changes the words, colour, expiry or screen mark', () => {
    const moved = note({ x: 300, y: 200, w: 240 } as never);
    expect(freeItemRefusal('ssh', 'u-bent', note(), moved, now)).toBeNull();
    for (const edit of [{ text: 'Bil 4' }, { colour: 'blaa' }, { expiry: 'dag' }, { onScreen: true }] as const) {
      expect(freeItemRefusal('ssh', 'u-bent', note(), note(edit as never), now), JSON.stringify(edit)).toBe(
        'free_item_author',
      );
      expect(freeItemRefusal('koordinator', 'u-frederik', note(), note(edit as never), now)).toBe('free_item_author');
      expect(freeItemRefusal('ssh', 'u-anne', note(), note(edit as never), now)).toBeNull();
    }
  });

  it('who wrote it and when never change, not even by the author', () => {
    expect(freeItemRefusal('ssh', 'u-anne', note(), note({ by: 'u-bent' }), now)).toBe('free_item_author');
    expect(freeItemRefusal('ssh', 'u-anne', note(), note({ at: '2026-12-08T08:00:00.000Z' }), now)).toBe(
      'free_item_author',
    );
  });

  it('the author, a koordinator, leder or administrator deletes; anyone deletes an expired item', () => {
    expect(freeItemRefusal('ssh', 'u-anne', note(), null, now)).toBeNull();
    expect(freeItemRefusal('ssa', 'u-bent', note(), null, now)).toBe('free_item_delete');
    expect(freeItemRefusal('visitator', 'u-eva', note(), null, now)).toBe('free_item_delete');
    for (const role of ['koordinator', 'leder', 'administrator'] as const) {
      expect(freeItemRefusal(role, 'u-x', note(), null, now), role).toBeNull();
    }
    const yesterday = note({ expiry: 'dag', at: '2026-12-06T08:00:00.000Z' });
    expect(freeItemRefusal('ssa', 'u-bent', yesterday, null, now)).toBeNull();
  });

  it('refusalFor refuses the whole write with a Danish message', () => {
    const write: BoardWrite = {
      metaKeys: [],
      phaseIds: [],
      cards: [],
      startedMeetingsDeleted: [],
      phases: [...DEFAULT_PHASES],
      freeItems: [{ itemId: 'f1', before: note(), after: null }],
      now,
    };
    const refusal = refusalFor('ssa', write, null, null, 'u-bent');
    expect(refusal).toEqual({ code: 'free_item_delete', path: 'freeItems.f1' });
    expect(refusalMessage(refusal!.code)).toMatch(/kun slette dine egne beskeder/);
    expect(refusalFor('ssh', write, null, null, 'u-anne')).toBeNull();
  });
});

describe('what the wall may show (rules/freeArea.ts wallFreeItems)', () => {
  const citizens = citizenWords([
    { name: 'Søren Hansen', initials: 'SH' },
    { name: 'Ib Åkjær', initials: 'IÅ' },
    { name: 'Karen Lund', initials: 'KL' },
  ]);
  const now = new Date('2026-12-07T10:00:00.000Z');

  it('a name is found in any case, with or without æ, ø and å, and by initials', () => {
    for (const text of ['Søren faldet i nat', 'SOREN ringer', 'soeren', 'Ring til Hansen', 'SH har feber', 'akjaer']) {
      expect(namesCitizen(text, citizens), text).toBe(true);
    }
    expect(namesCitizen('KL skal have nøgleboks', citizens)).toBe(true);
    // Initials count only in capitals, as they are written: "kl." is the time of day.
    for (const text of ['Bil 3 på værksted', 'Brandøvelse kl. 13', 'Sørg for nøgler', 'sh!']) {
      expect(namesCitizen(text, citizens), text).toBe(false);
    }
  });

  it('only items marked for the screen, unexpired, and naming no citizen; drawings on the mark alone', () => {
    const items = [
      note({ id: 'shown', onScreen: true }),
      note({ id: 'unmarked', onScreen: false }),
      note({ id: 'names', onScreen: true, text: 'Søren skal have nøgleboks' }),
      note({ id: 'expired', onScreen: true, expiry: 'dag', at: '2026-12-06T08:00:00.000Z' }),
      stroke({ id: 'drawing', onScreen: true }),
    ];
    expect(wallFreeItems(items, citizens, now).map((i) => i.id)).toEqual(['shown', 'drawing']);
  });
});

describe('BoardDoc free-area methods and the wall projection', () => {
  function board(now = '2026-12-07T10:00:00.000Z'): BoardDoc {
    const b = new BoardDoc(new Y.Doc(), { now: () => new Date(now) });
    b.initialize({ id: 'tavle', teamId: 'team', name: 'Tavle', phases: [...DEFAULT_PHASES] });
    return b;
  }

  it('adds, moves, edits and deletes; a stroke takes no box', () => {
    const b = board();
    const id = b.addFreeItem(
      {
        kind: 'note',
        x: 10,
        y: 10,
        w: 200,
        h: 150,
        text: 'Brandøvelse kl. 13',
        colour: 'gul',
        by: 'u-anne',
        byName: 'Anne Holm',
        expiry: 'dag',
        onScreen: false,
      },
      anne,
    );
    expect(b.freeItem(id)).toMatchObject({ at: '2026-12-07T10:00:00.000Z', text: 'Brandøvelse kl. 13' });
    b.updateFreeItem(id, { x: 400, y: 300, text: 'Brandøvelse kl. 14' }, anne);
    expect(b.freeItem(id)).toMatchObject({ x: 400, y: 300, text: 'Brandøvelse kl. 14' });
    const s = b.addFreeItem(
      {
        kind: 'stroke',
        x: 0,
        y: 0,
        points: [0, 0, 5, 5],
        ink: 'roed',
        size: 3,
        by: 'u-anne',
        byName: 'Anne Holm',
        expiry: null,
        onScreen: true,
      },
      anne,
    );
    b.updateFreeItem(s, { x: 50, w: 300 }, anne);
    expect(b.freeItem(s)).toEqual(expect.objectContaining({ x: 50 }));
    expect(b.freeItem(s)).not.toHaveProperty('w');
    b.deleteFreeItem(id, anne);
    expect(b.freeItems().map((i) => i.id)).toEqual([s]);
    expect(() => b.addFreeItem({ ...b.freeItem(s)!, id: s } as never, anne)).toThrow(/findes allerede/);
  });

  it('a new item sweeps items that expired over an hour ago by the writer clock', () => {
    const b = board('2026-12-08T08:00:00.000Z');
    b.doc.getMap('freeItems').set('old', note({ id: 'old', expiry: 'dag' }));
    b.doc.getMap('freeItems').set('kept', note({ id: 'kept' }));
    b.addFreeItem(
      {
        kind: 'text',
        x: 0,
        y: 0,
        w: 100,
        h: 60,
        text: 'Hej',
        by: 'u-anne',
        byName: 'A',
        expiry: null,
        onScreen: false,
      },
      anne,
    );
    expect(b.freeItems()).toHaveLength(2);
    expect(b.freeItem('old')).toBeNull();
  });

  it("a person's undo puts up, takes down and moves back their notes, and not what adding one swept", () => {
    const b = board('2026-12-08T08:00:00.000Z');
    b.doc.getMap('freeItems').set('old', note({ id: 'old', expiry: 'dag' }));
    const undo = b.createUndoManager(localOrigin('u-anne'));
    const text = { kind: 'text', x: 0, y: 0, w: 100, h: 60, by: 'u-anne', byName: 'A', expiry: null, onScreen: false };
    const id = b.addFreeItem({ ...text, text: 'Hej' } as never, localOrigin('u-anne'));
    expect(b.freeItem('old')).toBeNull();
    undo.stopCapturing();
    b.updateFreeItem(id, { x: 400 }, localOrigin('u-anne'));
    undo.stopCapturing();
    b.deleteFreeItem(id, localOrigin('u-anne'));
    // Someone else's note on the same doc is not this person's to undo.
    b.addFreeItem({ ...text, id: 'bents', text: 'Bent', by: 'u-bent' } as never, localOrigin('u-bent'));

    undo.undo();
    expect(b.freeItem(id)).toMatchObject({ text: 'Hej', x: 400 });
    undo.undo();
    expect(b.freeItem(id)).toMatchObject({ x: 0 });
    undo.undo();
    expect(b.freeItem(id)).toBeNull();
    // The long-expired note stays swept, and Bent's note stays up.
    expect(b.freeItem('old')).toBeNull();
    expect(b.freeItem('bents')).not.toBeNull();
    expect(undo.canUndo()).toBe(false);
    undo.redo();
    expect(b.freeItem(id)).toMatchObject({ text: 'Hej' });
  });

  it('the wall projection carries screen-marked items without their author, and nothing else', () => {
    const b = board();
    b.createCard({ name: 'Søren Hansen', phaseId: DEFAULT_PHASES[0]!.id }, anne);
    const map = b.doc.getMap('freeItems');
    map.set('shown', note({ id: 'shown', onScreen: true }));
    map.set('hidden', note({ id: 'hidden' }));
    map.set('named', note({ id: 'named', onScreen: true, text: 'Søren Hansen faldet' }));
    const projected = projectBoardForScreen(b, new MeetingDoc(b), new Date('2026-12-07T12:00:00.000Z'));
    expect(Object.keys(projected.freeItems!)).toEqual(['shown']);
    expect(projected.freeItems!.shown).toMatchObject({ text: 'Bil 3 på værksted', by: '?', byName: '' });
    expect(JSON.stringify(projected.freeItems)).not.toContain('Anne');
    // The wall's client reads it with the same BoardDoc code.
    const wall = new BoardDoc();
    wall.doc.getMap('freeItems').set('shown', projected.freeItems!.shown);
    expect(wall.freeItems().map((i) => i.id)).toEqual(['shown']);
  });
});
