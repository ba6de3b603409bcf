import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardDoc,
  DEFAULT_PHASES,
  MeetingDoc,
  buildMinutes,
  buildMyPlan,
  localOrigin,
  longDate,
  minutesInput,
  minutesMarkdown,
  overText,
  type BoardInit,
} from '../../shared/index.js';

const INIT: BoardInit = { id: 'board-1', teamId: 'team-nord', name: 'Team Nord', phases: [...DEFAULT_PHASES] };
const me = localOrigin('u-mette');
const MIN = 60_000;

/**
 * A tavlemøde on Monday 7 December 2026, 09:00–09:16 Danish time, where every kind of
 * change happens to Karen's card, one thing happens before the meeting and one after,
 * Bo is not reached and Ib is changed without being on the agenda. Time is a variable
 * the test moves, never the wall clock.
 */
function held() {
  let t = Date.parse('2026-12-07T08:00:00Z'); // 09:00 in Copenhagen
  const now = () => new Date(t);
  const board = new BoardDoc(new Y.Doc(), { now });
  board.initialize(INIT);
  const md = new MeetingDoc(board, { now });
  board.createCard({ name: 'Karen Ærø Jensen', phaseId: 'opstart', triage: 'green' }, me, 'k1');
  board.createCard({ name: 'Bo Berg', phaseId: 'henvist' }, me, 'b1');
  board.createCard({ name: 'Ib Holm', phaseId: 'henvist' }, me, 'i1');
  board.recordDecision(
    'k1',
    { code: 'E1', by: 'u-eva', byName: 'Eva', reason: 'Før mødet', at: '2026-12-06T10:00:00Z' },
    me,
  );
  const req = board.addRequest(
    'k1',
    { kind: 'mere-tid', reason: 'Bad tager længere tid', by: 'u-anne', byName: 'Anne' },
    me,
  );
  const q = md.askVisitator({ cardId: 'k1', text: 'Kan hun få madservice?', by: 'u-anne', byName: 'Anne' }, me);
  const general = md.askVisitator({ text: 'Hvem dækker juleferien?', by: 'u-anne', byName: 'Anne' }, me);
  const mid = md.createMeeting({ type: 'tavlemoede', scheduledFor: '2026-12-07T08:00:00Z', leader: 'Mette' }, me);
  const k = md.addManualItem(mid, { title: 'Karen', cardId: 'k1', timeBoxMin: 5 }, me);
  const b = md.addManualItem(mid, { title: 'Bo', cardId: 'b1', timeBoxMin: 5 }, me);
  md.addManualItem(mid, { title: 'Nøgleboks i opgang B', timeBoxMin: 5 }, me);
  t += MIN;
  md.startMeeting(mid, me, undefined, { leader: 'Frederik Dahl', snapshotPhases: true });
  t += 2 * MIN;
  board.recordDecision('k1', { code: 'E2', by: 'u-eva', byName: 'Eva', reason: 'Mere hjælp om aftenen' }, me);
  md.setTriage('k1', 'red', { by: 'u-anne', byName: 'Anne', reason: 'Faldet i nat' }, me);
  board.moveCard('k1', 'uge2', 0, me);
  board.decideRequest(
    'k1',
    req,
    { status: 'godkendt', decidedBy: 'u-eva', decidedByName: 'Eva', note: '15 min ekstra' },
    me,
  );
  md.answerQuestion(q, { by: 'u-eva', byName: 'Eva', answer: 'Ja, fra mandag' }, me);
  md.answerQuestion(general, { by: 'u-eva', byName: 'Eva', answer: 'Bent' }, me);
  board.addGoal('k1', { kind: 'citizen', text: 'Gå til købmanden selv' }, me);
  md.setTriage('i1', 'yellow', { by: 'u-anne', byName: 'Anne', reason: 'Spiser dårligt' }, me);
  md.setItemNote(mid, k, 'Søvn og smerter', me);
  md.addActionItem(
    mid,
    { itemId: k, text: 'Gå en tur hver dag', party: 'borger', due: '2026-12-10', by: 'u-mette' },
    me,
    'a1',
  );
  // same instant: the ids give the order
  md.addActionItem(
    mid,
    { itemId: k, text: 'Ring til datteren', who: 'Bent', party: 'kommune', by: 'u-mette' },
    me,
    'a2',
  );
  md.addActionItem(mid, { text: 'Ny vagtplan', who: 'Frederik', by: 'u-mette' }, me);
  md.setItemStatus(mid, k, 'discussed', me, { date: '2026-12-07' });
  md.park(mid, { text: 'Vagtplan i julen', by: 'u-mette', byName: 'Mette' }, me);
  md.setItemStatus(mid, b, 'not-reached', me);
  t += 13 * MIN;
  md.endMeeting(mid, me, undefined, { attendees: ['Anne Holm', 'Eva Mortensen'], snapshotPhases: true });
  // after the meeting: not part of its minutes
  t += 30 * MIN;
  md.setTriage('k1', 'yellow', { by: 'u-anne', byName: 'Anne', reason: 'Efter mødet' }, me);
  return { md, board, mid, k, b, input: minutesInput(md, md.meeting(mid)!) };
}

describe('minutes keep everything that happened in the meeting', () => {
  it('head: type, Danish date, time, duration against the plan, leader and participants', () => {
    const { input } = held();
    const m = buildMinutes(input);
    expect(m.title).toBe('Referat – Tavlemøde');
    expect(m.dateText).toBe('mandag 7. december 2026');
    expect(m.window).toBe('09:01–09:16');
    // 15 minutes held against 15 planned (three 5-minute items)
    expect(m.duration).toBe('15 min · planlagt 15 min, inden for tiden');
    expect(m.leader).toBe('Frederik Dahl');
    expect(m.participants).toEqual(['Anne Holm', 'Eva Mortensen']);
  });

  it('per citizen: reasons, note, every kind of change in the window, and the agreements by party', () => {
    const { input, k } = held();
    const m = buildMinutes(input);
    const karen = m.entries.find((e) => e.itemId === k)!;
    expect(karen).toMatchObject({ name: 'Karen Ærø Jensen', status: 'Drøftet', note: 'Søvn og smerter' });
    const lines = karen.changes.map((c) => [c.kind, c.text, c.byName]);
    expect(lines).toEqual(
      expect.arrayContaining([
        ['decision', 'E2 Ændres inden for rammen: Mere hjælp om aftenen', 'Eva'],
        ['triage', 'Triage ændret fra grøn til rød: Faldet i nat', 'Anne'],
        ['move', 'Flyttet fra Opstart til Opfølgning uge 2', ''],
        ['request-decided', 'Anmodning om mere tid godkendt: Bad tager længere tid – 15 min ekstra', 'Eva'],
        ['question-answered', 'Visitator svarede på "Kan hun få madservice?": Ja, fra mandag', 'Eva'],
        ['goal', 'Nyt mål: Gå til købmanden selv', ''],
      ]),
    );
    expect(lines).toHaveLength(6);
    // neither the decision before nor the triage change after the meeting
    const all = JSON.stringify(karen);
    expect(all).not.toContain('Før mødet');
    expect(all).not.toContain('Efter mødet');
    expect(karen.actions).toEqual([
      { text: 'Gå en tur hver dag', who: '', due: '2026-12-10', party: 'borger' },
      { text: 'Ring til datteren', who: 'Bent', due: null, party: 'kommune' },
    ]);
  });

  it('a citizen changed during the meeting but not on the agenda is in the minutes too', () => {
    const { input } = held();
    const ib = buildMinutes(input).entries.find((e) => e.cardId === 'i1')!;
    expect(ib).toMatchObject({ itemId: null, name: 'Ib Holm', status: 'Ikke på dagsordenen' });
    expect(ib.changes.map((c) => c.text)).toEqual(['Triage ændret fra grøn til gul: Spiser dårligt']);
  });

  it('not reached, general agreements, general questions answered and the parkeringsplads', () => {
    const { input, b } = held();
    const m = buildMinutes(input);
    expect(m.notReached.map((n) => [n.itemId, n.name])).toEqual([
      [b, 'Bo Berg'],
      [expect.stringMatching(/^m:/), 'Nøgleboks i opgang B'],
    ]);
    expect(m.generalActions).toEqual([{ text: 'Ny vagtplan', who: 'Frederik', due: null, party: null }]);
    expect(m.questions.map((q) => q.text)).toEqual(['Visitator svarede på "Hvem dækker juleferien?": Bent']);
    expect(m.parked).toEqual(['Vagtplan i julen']);
  });

  it('Markdown: header, "at du gør / at kommunen gør", Danish due dates', () => {
    const { input } = held();
    const md = minutesMarkdown(buildMinutes(input));
    expect(md).toContain('- **Dato:** mandag 7. december 2026');
    expect(md).toContain('- **Mødeleder:** Frederik Dahl');
    expect(md).toContain('## Karen Ærø Jensen');
    expect(md).toContain(
      '- Aftaler i dag: Vi har aftalt, at du gør: Gå en tur hver dag – senest torsdag 10. december 2026',
    );
    expect(md).toContain('- Aftaler i dag: Vi har aftalt, at kommunen gør: Ring til datteren – Bent');
    expect(md).toContain('- Under mødet: Triage ændret fra grøn til rød: Faldet i nat (Anne)');
    expect(md).toContain('## Ikke nået – tages op næste gang');
    expect(md).toContain('## Parkeringsplads');
    expect(md).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('privacy mode (wall screen): initials, no notes, changes, agreements, participants or parked text', () => {
    const { input, k } = held();
    const m = buildMinutes({ ...input, privacy: true });
    expect(m.entries.find((e) => e.itemId === k)).toMatchObject({ name: 'KÆJ', note: '', changes: [], actions: [] });
    expect(m.parked).toEqual([]);
    expect(m.participants).toEqual([]);
    expect(JSON.stringify(m)).not.toContain('Faldet i nat');
  });

  it('in English, and with nobody taken up', () => {
    const { md, mid, input } = held();
    const quiet = buildMinutes({
      ...input,
      lang: 'en',
      agenda: md.agenda(mid).filter((i) => i.status !== 'discussed'),
      cards: new Map(),
    });
    expect(quiet.title).toBe('Minutes – Board meeting');
    expect(quiet.dateText).toBe('Monday 7 December 2026');
    expect(minutesMarkdown(quiet, 'en')).toContain('No citizens were discussed.');
  });
});

describe('durations read as people say them', () => {
  it('minutes over, days over, never hundreds of hours', () => {
    expect(overText(18 * MIN, 15 * MIN)).toBe('3 min over');
    expect(overText(15 * MIN + 20_000, 15 * MIN)).toBe('inden for tiden');
    expect(overText(2 * 86_400_000 + 15 * MIN + 5 * 3_600_000, 15 * MIN)).toBe('2 dage over');
    expect(overText(432 * 3_600_000, 0)).toBe('18 dage over');
    expect(longDate('2026-12-07')).toBe('mandag 7. december 2026');
  });
});

describe('Min plan (R21): the citizen’s own printout', () => {
  it('goals in their words, "det gør du / det gør vi", contact; nothing internal, nothing past', () => {
    const { md, board } = held();
    const actions = md.meetings().flatMap((m) => md.actionItems(m.id));
    const card = board.card('k1')!;
    const plan = buildMyPlan({ card: { ...card, contactPerson: 'Anne Holm' }, actions, today: '2026-12-08' });
    expect(plan).toMatchObject({
      title: 'Min plan',
      name: 'Karen Ærø Jensen',
      printed: 'Udskrevet tirsdag 8. december 2026',
      goals: ['Gå til købmanden selv'],
      youDo: [{ text: 'Gå en tur hver dag', when: 'senest torsdag 10. december 2026' }],
      weDo: [{ text: 'Ring til datteren – Bent', when: '' }],
      contacts: ['Anne Holm'],
    });
    const text = JSON.stringify(plan);
    for (const internal of ['E2', 'rød', 'red', 'SEL', 'Faldet i nat', 'Ny vagtplan'])
      expect(text).not.toContain(internal);
    // an agreement whose date has passed is no longer on the plan
    expect(buildMyPlan({ card, actions, today: '2026-12-11' }).youDo).toEqual([]);
  });
});
