import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardDoc,
  DEFAULT_PHASES,
  MeetingDoc,
  buildMinutes,
  localOrigin,
  minutesMarkdown,
  type BoardInit,
} from '../../shared/index.js';

const INIT: BoardInit = { id: 'board-1', teamId: 'team-nord', name: 'Team Nord', phases: [...DEFAULT_PHASES] };
const me = localOrigin('u-mette');

function held() {
  let t = Date.parse('2026-11-24T08:00:00Z'); // 09:00 Danish time
  const now = () => new Date(t);
  const board = new BoardDoc(new Y.Doc(), { now });
  board.initialize(INIT);
  const md = new MeetingDoc(board, { now });
  board.createCard({ name: 'Karen Ærø Jensen', phaseId: 'henvist', triage: 'red' }, me, 'k1');
  board.createCard({ name: 'Bo Berg', phaseId: 'henvist' }, me, 'b1');
  board.recordDecision(
    'k1',
    { code: 'E1', by: 'u-eva', byName: 'Eva', reason: 'Før mødet', at: '2026-11-23T10:00:00Z' },
    me,
  );
  const mid = md.createMeeting({ type: 'tavlemoede', scheduledFor: '2026-11-24T08:00:00Z' }, me);
  md.startMeeting(mid, me);
  const k = md.addManualItem(mid, { title: 'Karen', cardId: 'k1' }, me);
  const b = md.addManualItem(mid, { title: 'Bo', cardId: 'b1' }, me);
  md.addManualItem(mid, { title: 'Nøgleboks i opgang B' }, me);
  t += 5 * 60_000;
  md.setItemStatus(mid, k, 'discussed', me, { date: '2026-11-24' });
  md.setItemNote(mid, k, 'Søvn og smerter', me);
  board.recordDecision('k1', { code: 'E2', by: 'u-eva', byName: 'Eva', reason: 'Mere hjælp om aftenen' }, me);
  md.addActionItem(
    mid,
    { itemId: k, text: 'Ring til datteren', who: 'kommunen', due: '2026-11-26', by: 'u-mette' },
    me,
  );
  md.park(mid, { text: 'Vagtplan i julen', by: 'u-mette', byName: 'Mette' }, me);
  md.setItemStatus(mid, b, 'skipped', me);
  t += 11 * 60_000;
  md.endMeeting(mid, me);
  const input = {
    meeting: md.meeting(mid)!,
    agenda: md.agenda(mid),
    actions: md.actionItems(mid),
    parked: md.parked(mid),
    cards: new Map(board.cards().map((c) => [c.id, c])),
  };
  return { input, k };
}

describe('minutes (shared by the client view, Markdown and the server PDF)', () => {
  it('lists only discussed items, with note, decisions of the meeting and "Aftaler i dag"', () => {
    const { input, k } = held();
    const m = buildMinutes(input);
    expect(m.title).toBe('Referat – Tavlemøde, 2026-11-24');
    expect(m.window).toBe('Mødet varede fra 09:00 til 09:16.');
    expect(m.entries).toHaveLength(1);
    const e = m.entries[0]!;
    expect(e).toMatchObject({ itemId: k, name: 'Karen Ærø Jensen', status: 'Drøftet', note: 'Søvn og smerter' });
    // the decision from before the meeting is not part of these minutes
    expect(e.decisions).toEqual([
      { code: 'E2', label: 'Ændres inden for rammen', reason: 'Mere hjælp om aftenen', byName: 'Eva' },
    ]);
    expect(e.actions).toEqual([{ text: 'Ring til datteren', who: 'kommunen', due: '2026-11-26' }]);
    expect(m.parked).toEqual(['Vagtplan i julen']);
    const md = minutesMarkdown(m);
    expect(md).toContain('## Karen Ærø Jensen');
    expect(md).toContain('- Aftaler i dag: Ring til datteren – kommunen – senest 2026-11-26');
    expect(md).toContain('- Afgørelser: E2 Ændres inden for rammen: Mere hjælp om aftenen (Eva)');
    expect(md).toContain('## Parkeringsplads');
  });

  it('privacy mode (wall screen): initials, no notes, decisions, agreements or parked text', () => {
    const { input } = held();
    const m = buildMinutes({ ...input, privacy: true });
    expect(m.entries[0]).toMatchObject({ name: 'KÆJ', note: '', decisions: [], actions: [] });
    expect(m.parked).toEqual([]);
  });

  it('in English, and with nobody discussed', () => {
    const { input } = held();
    const m = buildMinutes({ ...input, lang: 'en', agenda: input.agenda.filter((i) => i.status !== 'discussed') });
    expect(m.title).toBe('Minutes – Board meeting, 2026-11-24');
    expect(minutesMarkdown(m, 'en')).toContain('No citizens were discussed.');
  });
});
