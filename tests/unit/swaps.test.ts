import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { localOrigin } from '../../shared/doc/origins.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import {
  DEFAULT_SWAP_SETTINGS,
  SwapSettingsLinesSchema,
  swapSettingsFromLines,
  swapSettingsLines,
  type SwapSettings,
} from '../../shared/model/swaps.js';
import {
  givenUpLabel,
  helpTypeOf,
  swapChanges,
  swapRefusal,
  swapWeekCount,
  swapWeekKey,
} from '../../shared/rules/swaps.js';
import { needsSwapSettings, refusalFor, refusalMessage, type BoardWrite } from '../../shared/rules/writeRules.js';

/*
 * Bytteydelser rules (shared/rules/swaps.ts) and their place in the write rules, over
 * before → after cards made with BoardDoc, as the server's gate reads them.
 */
const anne = localOrigin('u-anne');
const OFF: SwapSettings = { ...DEFAULT_SWAP_SETTINGS, enabled: false };

function board(): BoardDoc {
  const b = new BoardDoc(new Y.Doc());
  b.initialize({ id: 'tavle-test', teamId: 'team-nord', name: 'Testtavle', phases: [...DEFAULT_PHASES] });
  b.createCard({ name: 'Karen Jensen', phaseId: 'uge2' }, anne, 'c1');
  b.addSwap('c1', { id: 's0', by: 'u-anne', givenUp: 'rengoering', instead: 'Gåtur' }, anne);
  return b;
}

function transition(edit: (b: BoardDoc) => void) {
  const before = board();
  const after = new BoardDoc(new Y.Doc());
  Y.applyUpdate(after.doc, Y.encodeStateAsUpdate(before.doc));
  edit(after);
  const w: BoardWrite = {
    metaKeys: [],
    phaseIds: [],
    cards: [{ cardId: 'c1', before: before.card('c1'), after: after.card('c1') }],
    startedMeetingsDeleted: [],
    phases: [...DEFAULT_PHASES],
  };
  return w;
}

const addSwap = (givenUp: string) => (b: BoardDoc) =>
  b.addSwap('c1', { by: 'u-anne', byName: 'Anne Holm', givenUp, instead: 'Kaffe og snak' }, anne);

describe('swap rules (pure)', () => {
  it('refuses help that cannot be swapped, by id or by its words in any case', () => {
    expect(swapRefusal(DEFAULT_SWAP_SETTINGS, null, 'medicin')).toBe('swap_not_swappable');
    expect(swapRefusal(DEFAULT_SWAP_SETTINGS, null, 'Medicin')).toBe('swap_not_swappable');
    expect(swapRefusal(DEFAULT_SWAP_SETTINGS, true, ' sygeplejeopgaver (SUL) ')).toBe('swap_not_swappable');
    expect(swapRefusal(DEFAULT_SWAP_SETTINGS, null, 'mad')).toBe('swap_not_swappable');
  });
  it('allows swappable help and free text', () => {
    expect(swapRefusal(DEFAULT_SWAP_SETTINGS, null, 'rengoering')).toBeNull();
    expect(swapRefusal(DEFAULT_SWAP_SETTINGS, true, 'Støvsugning')).toBeNull();
  });
  it('refuses every swap for a citizen marked not suitable, and everything when registration is off', () => {
    expect(swapRefusal(DEFAULT_SWAP_SETTINGS, false, 'rengoering')).toBe('swap_not_suitable');
    expect(swapRefusal(OFF, true, 'rengoering')).toBe('swap_off');
  });
  it('reads help types by id or label', () => {
    expect(helpTypeOf(DEFAULT_SWAP_SETTINGS, 'bad')?.label).toBe('Bad');
    expect(givenUpLabel(DEFAULT_SWAP_SETTINGS, 'rengoering')).toBe('Rengøring');
    expect(givenUpLabel(DEFAULT_SWAP_SETTINGS, 'Støvsugning')).toBe('Støvsugning');
  });
  it('tells added swaps from changed or removed ones', () => {
    const a = { id: 'a', at: 'x', givenUp: 'bad' };
    expect(swapChanges([a], [a, { id: 'b' }])).toEqual({ added: ['b'], changed: false });
    expect(swapChanges([a], [{ ...a, givenUp: 'mad' }])).toEqual({ added: [], changed: true });
    expect(swapChanges([a], [])).toEqual({ added: [], changed: true });
  });
  it('has Danish messages for each refusal', () => {
    expect(refusalMessage('swap_not_swappable')).toMatch(/kan ikke byttes/);
    expect(refusalMessage('swap_not_suitable')).toMatch(/ikke egnet/);
    expect(refusalMessage('swap_off')).toMatch(/registrerer ikke/);
    expect(refusalMessage('swap_append_only')).toMatch(/administrator/);
  });
});

describe('swap write rules (the gate)', () => {
  it('a good swap passes; settings are needed only when a swap is added', () => {
    const w = transition(addSwap('bad'));
    expect(needsSwapSettings(w)).toBe(true);
    expect(refusalFor('ssh', w, null, DEFAULT_SWAP_SETTINGS)).toBeNull();
    const edit = transition((b) => b.updateCard('c1', { note: 'x' }, anne));
    expect(needsSwapSettings(edit)).toBe(false);
    expect(refusalFor('ssh', edit, null, null)).toBeNull();
  });
  it('refuses a swap of help that cannot be swapped, with its code and the card', () => {
    const r = refusalFor('ssh', transition(addSwap('medicin')), null, DEFAULT_SWAP_SETTINGS);
    expect(r).toEqual({ code: 'swap_not_swappable', path: 'cards.c1.swaps', cardId: 'c1' });
  });
  it('refuses a swap for a citizen marked not suitable, also when marked in the same update', () => {
    const w = transition((b) => {
      b.setLifecycle('c1', { swapSuitable: false, swapReason: 'Demens' }, anne);
      addSwap('bad')(b);
    });
    expect(refusalFor('sygeplejerske', w, null, DEFAULT_SWAP_SETTINGS)?.code).toBe('swap_not_suitable');
    // Marking the flag alone is fine.
    const flag = transition((b) => b.setLifecycle('c1', { swapSuitable: false }, anne));
    expect(refusalFor('ssh', flag, null, DEFAULT_SWAP_SETTINGS)).toBeNull();
  });
  it('refuses new swaps when registration is off, but keeps the old ones readable', () => {
    expect(refusalFor('ssh', transition(addSwap('bad')), null, OFF)?.code).toBe('swap_off');
    expect(
      board()
        .card('c1')!
        .lifecycle.swaps.map((s) => s.id),
    ).toEqual(['s0']);
  });
  it('swaps are append-only: changing or removing one is refused, except for an administrator', () => {
    const change = transition((b) => {
      const m = b.cardsMap.get('c1')!.get('swaps') as Y.Map<unknown>;
      m.set('s0', { ...(m.get('s0') as object), instead: 'Kort' });
    });
    const remove = transition((b) => (b.cardsMap.get('c1')!.get('swaps') as Y.Map<unknown>).delete('s0'));
    for (const w of [change, remove]) {
      expect(refusalFor('leder', w, null, DEFAULT_SWAP_SETTINGS)?.code).toBe('swap_append_only');
      expect(refusalFor('administrator', w, null, DEFAULT_SWAP_SETTINGS)).toBeNull();
    }
  });
});

describe('swap counts per week (Europe/Copenhagen, ISO weeks)', () => {
  it('puts an instant in its Danish week: Sunday 23:30 UTC is already Monday in Denmark', () => {
    expect(swapWeekKey('2026-03-01T22:30:00Z')).toBe('2026-W09'); // Sunday 23:30 in Denmark
    expect(swapWeekKey('2026-03-01T23:30:00Z')).toBe('2026-W10'); // Monday 00:30
  });
  it('ISO weeks across year end: 31 Dec 2026 is week 53 of 2026, 1 Jan 2027 too, 4 Jan 2027 week 1', () => {
    expect(swapWeekKey('2026-12-31T12:00:00Z')).toBe('2026-W53');
    expect(swapWeekKey('2027-01-01T12:00:00Z')).toBe('2026-W53');
    expect(swapWeekKey('2027-01-04T12:00:00Z')).toBe('2027-W01');
    // 29 Dec 2025 (Monday) is week 1 of 2026.
    expect(swapWeekKey('2025-12-29T12:00:00Z')).toBe('2026-W01');
  });
  it('counts this week and last week across year end', () => {
    const now = new Date('2027-01-05T09:00:00Z'); // Tuesday, week 1 of 2027
    const swaps = [
      { at: '2027-01-04T06:00:00Z' }, // this week
      { at: '2027-01-03T22:59:00Z' }, // Sunday 23:59 in Denmark: last week (2026-W53)
      { at: '2026-12-28T08:00:00Z' }, // Monday of 2026-W53
      { at: '2026-12-27T12:00:00Z' }, // 2026-W52: neither
    ];
    expect(swapWeekCount([swaps.slice(0, 2), swaps.slice(2)], now)).toEqual({ week: 1, thisWeek: 1, lastWeek: 2 });
  });
  it('counts across the DST change (last Sunday of March, 25 hours become 23)', () => {
    const now = new Date('2026-03-30T06:00:00Z'); // Monday 08:00 summer time, week 14
    const swaps = [
      { at: '2026-03-29T21:59:00Z' }, // Sunday 23:59 CEST: last week
      { at: '2026-03-29T22:00:00Z' }, // Monday 00:00 CEST: this week
      { at: '2026-03-23T00:30:00Z' }, // Monday 01:30 CET: last week
      { at: '2026-03-22T22:30:00Z' }, // Sunday 23:30 CET: two weeks ago
    ];
    expect(swapWeekCount([swaps], now)).toEqual({ week: 14, thisWeek: 1, lastWeek: 2 });
  });
  it('counts across the autumn DST change (last Sunday of October)', () => {
    const now = new Date('2026-10-26T07:00:00Z'); // Monday 08:00 CET, week 44
    const swaps = [{ at: '2026-10-25T22:59:00Z' }, { at: '2026-10-25T23:00:00Z' }, { at: '2026-10-19T00:00:00Z' }];
    // 22:59Z on 25 Oct is 23:59 CET Sunday (last week); 23:00Z is Monday 00:00; 19 Oct 00:00Z is Monday 02:00 CEST.
    expect(swapWeekCount([swaps], now)).toEqual({ week: 44, thisWeek: 1, lastWeek: 2 });
  });
});

describe('swap settings (admin lines)', () => {
  it('round-trips the defaults, keeping the default ids', () => {
    const lines = swapSettingsLines(DEFAULT_SWAP_SETTINGS);
    expect(swapSettingsFromLines(SwapSettingsLinesSchema.parse(lines))).toEqual(DEFAULT_SWAP_SETTINGS);
  });
  it('refuses a help type that both can and cannot be swapped, and an empty list of help types', () => {
    const base = { enabled: true, instead: [], swappable: ['Bad'], notSwappable: ['bad'] };
    expect(SwapSettingsLinesSchema.safeParse(base).success).toBe(false);
    expect(SwapSettingsLinesSchema.safeParse({ ...base, swappable: [], notSwappable: [] }).success).toBe(false);
  });
  it('own help types get their own ids', () => {
    const s = swapSettingsFromLines(
      SwapSettingsLinesSchema.parse({
        enabled: false,
        instead: ['Strikning'],
        swappable: ['Støvsugning'],
        notSwappable: ['Medicin'],
      }),
    );
    expect(s.helpTypes).toEqual([
      { id: 'egen-1', label: 'Støvsugning', swappable: true },
      { id: 'medicin', label: 'Medicin', swappable: false },
    ]);
  });
});

describe('BoardDoc.addSwap', () => {
  it('stores a swap with id and time, read back in order on the card', () => {
    const b = new BoardDoc(new Y.Doc(), { now: () => new Date('2026-03-02T09:00:00.000Z') });
    b.initialize({ id: 'tavle-test', teamId: 'team-nord', name: 'T', phases: [...DEFAULT_PHASES] });
    b.createCard({ name: 'Karen Jensen', phaseId: 'uge2' }, anne, 'c1');
    const id = b.addSwap('c1', { by: 'u-anne', byName: 'Anne Holm', givenUp: 'bad', instead: 'Gåtur' }, anne);
    b.addSwap('c1', { by: 'u-anne', givenUp: 'rengoering', instead: 'Kort', at: '2026-03-01T09:00:00.000Z' }, anne);
    const swaps = b.card('c1')!.lifecycle.swaps;
    expect(swaps.map((s) => s.givenUp)).toEqual(['rengoering', 'bad']);
    expect(swaps[1]).toEqual({
      id,
      at: '2026-03-02T09:00:00.000Z',
      by: 'u-anne',
      byName: 'Anne Holm',
      givenUp: 'bad',
      instead: 'Gåtur',
    });
    expect(() => b.addSwap('c1', { by: 'u-anne', givenUp: '', instead: 'Kort' }, anne)).toThrow();
  });
});
