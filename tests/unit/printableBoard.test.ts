import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { localOrigin } from '../../shared/doc/origins.js';
import { printableBoardOf } from '../../shared/doc/printableInput.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import { DEFAULT_TEAM_MEETINGS } from '../../shared/model/teamMeetings.js';
import { printableBoard, type PrintableBoard } from '../../shared/rules/printableBoard.js';

/*
 * The printed daily tavle (issue #16, N7): every active citizen by phase, the colour in words
 * and shape, due follow-ups, response clocks, kontaktperson, open requests and today's agenda;
 * the privacy version with initials only. A fixed clock, an in-memory board.
 */

const NOW = '2026-04-02T07:30:00.000Z'; // Thursday 2 April 2026, 09:30 in Denmark
const me = localOrigin('u-frederik');

function demo() {
  const clock = () => new Date('2026-03-26T08:00:00.000Z');
  const board = new BoardDoc(new Y.Doc(), { now: clock });
  board.initialize({ id: 'tavle-x', teamId: 'team-x', name: 'Team X', phases: [...DEFAULT_PHASES] });
  const md = new MeetingDoc(board, { now: clock });
  const karen = board.createCard(
    { name: 'Karen Østergård', initials: 'KØ', phaseId: 'uge2', contactPerson: 'Anne Holm' },
    me,
  );
  board.setLifecycle(karen, { startDate: '2026-03-26' }, me); // week-2 follow-up due 2 April
  const bo = board.createCard({ name: 'Bo Ærø', phaseId: 'henvist', contactPerson: 'Bent Nielsen' }, me);
  md.setTriage(
    bo,
    'red',
    { by: 'u-frederik', byName: 'Frederik', reason: 'Faldet', at: '2026-04-02T05:30:00.000Z' },
    me,
  );
  board.addRequest(bo, { kind: 'mere-tid', reason: 'Bad tager længere tid', by: 'u-anne', byName: 'Anne Holm' }, me);
  const closed = board.createCard({ name: 'Lukket Person', phaseId: 'afsluttet' }, me);
  return { board, md, karen, bo, closed };
}

const render = (md: MeetingDoc, privacy: boolean): PrintableBoard =>
  printableBoardOf(md, {
    now: NOW,
    boardName: 'Team X',
    teamName: 'Team X',
    team: DEFAULT_TEAM_MEETINGS,
    visitatorDays: [4],
    privacy,
    paper: 'a4',
  });

const text = (p: PrintableBoard) => JSON.stringify(p);

describe('printableBoard: the daily tavle on paper', () => {
  it('lists every active citizen under its phase in board order, closed forløb left off', () => {
    const { md, bo, closed } = demo();
    const p = render(md, false);
    expect(p.columns.map((c) => c.id)).toEqual(['henvist', 'visiteret', 'opstart', 'uge2', 'uge5', 'uge8', 'uge12']);
    expect(p.columns.find((c) => c.id === 'henvist')!.cards.map((c) => c.id)).toEqual([bo]);
    expect(p.columns.find((c) => c.id === 'uge2')!.cards.map((c) => c.label)).toEqual(['Karen Østergård']);
    expect(p.columns.flatMap((c) => c.cards).map((c) => c.id)).not.toContain(closed);
    expect(p.counts).toBe('2 aktive borgere: 1 røde, 0 gule, 1 grønne');
    expect(p.printed).toBe('Udskrevet torsdag 2. april 2026 kl. 09:30');
  });

  it('says the colour in words and shape, with kontaktperson, clock, follow-ups and requests', () => {
    const { md, karen, bo } = demo();
    const cards = render(md, false).columns.flatMap((c) => c.cards);
    const red = cards.find((c) => c.id === bo)!;
    expect(red).toMatchObject({ triage: 'red', triageWord: 'Rød', shape: 'diamond', contactPerson: 'Bent Nielsen' });
    // red since 07:30 Danish time: the 24-hour clock runs to the next morning
    expect(red.clock).toBe('Sygeplejerskevurdering senest 03.04 kl. 07:30 (om 22 t)');
    // the wall's one-line status would only repeat the clock: the clock line says it
    expect(red.status).toBe('');
    expect(red.requests).toEqual(['Mere tid: Bad tager længere tid (Anne Holm)']);
    const green = cards.find((c) => c.id === karen)!;
    expect(green).toMatchObject({ triageWord: 'Grøn', shape: 'circle', contactPerson: 'Anne Holm', clock: '' });
    expect(green.followUps).toEqual(['Opfølgning uge 2 forfalder i dag']);
  });

  it("carries today's agenda as Lav dagsorden plans it, with time boxes and reasons", () => {
    const { md } = demo();
    const { agenda } = render(md, false);
    expect(agenda.items.map((i) => i.label)).toEqual(['Bo Ærø', 'Karen Østergård']);
    expect(agenda.items[0]!.reasons).toContain('Rød siden i dag');
    expect(agenda.items[1]!.reasons).toContain('Opfølgning uge 2 forfalder i dag');
    expect(agenda.items.every((i) => /min$/.test(i.minutes))).toBe(true);
    expect(agenda.verdict[0]).toMatch(/^Dagsordenen fylder .* af 15 min\.$/);
  });

  it('the privacy version for the room: initials, no staff names, no free text', () => {
    const { md, bo } = demo();
    const p = render(md, true);
    expect(p.privacy).toBe(true);
    const labels = p.columns.flatMap((c) => c.cards).map((c) => c.label);
    expect(labels.sort()).toEqual(['BÆ', 'KØ']);
    const all = text(p);
    for (const secret of [
      'Karen',
      'Østergård',
      'Bo Ærø',
      'Anne Holm',
      'Bent Nielsen',
      'Frederik',
      'Bad tager',
      'Faldet',
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(p.columns.flatMap((c) => c.cards).find((c) => c.id === bo)!.requests).toEqual(['Mere tid']);
    expect(p.agenda.items.map((i) => i.label)).toEqual(['BÆ', 'KØ']);
    expect(p.headers.citizen).toBe('Initialer');
  });

  it('leaves a manual agenda item (free text) out of the privacy version only; keeps a hand-set deadline', () => {
    const { board } = demo();
    const late = board.createCard({ name: 'Tove Frist', phaseId: 'henvist', nextDueDate: '2026-03-30' }, me);
    const base = {
      columns: board.phases().map((phase) => ({ phase, cards: board.column(phase.id) })),
      boardName: 'Team X',
      teamName: 'Team X',
      triageEvents: [],
      triageResponses: {},
      now: NOW,
      paper: 'a3' as const,
    };
    const agenda = {
      items: [
        {
          id: 'manual-1',
          cardId: null,
          title: 'Bil 3 på værksted',
          reasons: [],
          source: 'manual' as const,
          timeBoxMin: 2,
          status: 'pending' as const,
        },
      ],
      mustCount: 1,
      budgetMin: 15,
      plannedMin: 2,
      mustMin: 2,
      overBudgetMin: 0,
      rotationDays: 14,
      cycleDays: null,
      rotationRoom: true,
      neededMin: 2,
      activeCount: 2,
      notReached: [],
    };
    expect(printableBoard({ ...base, agenda, privacy: false }).agenda.items).toEqual([
      { label: 'Bil 3 på værksted', minutes: '2 min', reasons: [] },
    ]);
    expect(printableBoard({ ...base, agenda, privacy: true }).agenda.items).toEqual([]);
    const english = printableBoard({ ...base, agenda: null, privacy: false, lang: 'en' });
    expect(english.counts).toBe('3 active citizens: 1 red, 0 yellow, 2 green');
    // the wall's one-line status stays when nothing below says it: a hand-set deadline
    const danish = printableBoard({ ...base, agenda: null, privacy: false });
    expect(danish.columns[0]!.cards.find((c) => c.id === late)!.status).toBe('Frist overskredet 3 dage');
  });
});
