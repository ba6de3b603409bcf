import type { BoardDoc } from '../../shared/doc/boardDoc.js';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import { DEFAULT_FORLOB_CATALOGUE, catalogueSelection, findForlobType } from '../../shared/model/catalogue.js';
import { addDaysToDate } from '../../shared/rules/cadence.js';
import { nextDueDateForCard } from '../../shared/rules/lifecycle.js';
import { intBetween, pick } from './random.js';

/**
 * Gives a demo citizen a forløb that matches its column, so the demo shows what the board
 * is for from the first minute: follow-ups due and overdue, opstart countdowns, decisions
 * already taken, goals, a few requests waiting for the visitator. Dates are relative to
 * `today`, so the demo looks alive whenever it is started.
 */

/** Forløb day (1 = start date) a citizen in each follow-up column has reached. */
const FORLOB_DAY: Record<string, readonly [number, number]> = {
  uge2: [6, 17],
  uge5: [27, 38],
  uge8: [48, 59],
  uge12: [75, 88],
  afsluttet: [60, 95],
};
const EARLIER_WEEKS: Record<string, readonly number[]> = {
  uge2: [],
  uge5: [2],
  uge8: [2, 5],
  uge12: [2, 5, 8],
  afsluttet: [2, 5, 8],
};

const CITIZEN_GOALS = [
  'Kunne gå til købmanden igen',
  'Selv klare morgenbadet',
  'Lave min egen frokost',
  'Komme ud i haven og passe blomsterne',
  'Gå til banko om torsdagen',
  'Besøge mit barnebarn på egen hånd',
];
const SMART_GOALS = [
  'Går 200 m med rollator uden pause inden uge 8',
  'Klarer bad selv med badebænk inden uge 6',
  'Smører selv mad tre dage om ugen inden uge 5',
  'Kommer selv op af sengen om morgenen inden uge 4',
];
const REQUESTS = [
  { kind: 'mere-tid', reason: 'Har brug for længere tid til bad efter fald i weekenden' },
  { kind: 'hjaelpemiddel', reason: 'Badebænk og toiletforhøjer vil gøre borgeren selvhjulpen' },
] as const;
const TEMPORARY_CHANGES = ['Øjendråber morgen og aften i 3 uger', 'Ekstra tilsyn efter blærebetændelse'];

export interface DemoActor {
  id: string;
  name: string;
}

export function seedForlob(
  board: BoardDoc,
  cardId: string,
  phaseId: string,
  ctx: { rand: () => number; today: string; staff: DemoActor[]; visitator: DemoActor; origin: TransactionOrigin },
): void {
  const { rand, today, staff, visitator, origin } = ctx;
  const rehab = findForlobType('sel-83a')!;
  const someone = () => (staff.length > 0 ? pick(rand, staff) : visitator);

  if (phaseId === 'henvist') {
    board.setLifecycle(cardId, { ...catalogueSelection(rehab), weeklyHours: null }, origin);
    return;
  }
  if (phaseId === 'visiteret' || phaseId === 'opstart') {
    // Care starts the day after visitation; the opstartsmøde is due within 14 days (S2:2493-2495).
    const sinceVisitation = phaseId === 'visiteret' ? intBetween(rand, 1, 16) : intBetween(rand, 6, 13);
    const visitationDate = addDaysToDate(today, -sinceVisitation);
    const type = rand() < 0.7 ? rehab : pick(rand, DEFAULT_FORLOB_CATALOGUE.slice(0, 4));
    board.setLifecycle(
      cardId,
      { ...catalogueSelection(type), visitationDate, startDate: visitationDate, weeklyHours: intBetween(rand, 2, 10) },
      origin,
    );
    if (phaseId === 'opstart' || rand() < 0.4) {
      const plannedDate = addDaysToDate(visitationDate, intBetween(rand, 7, 12));
      board.planOpstart(cardId, { plannedDate, participants: ['ssh', 'terapeut'] }, origin);
      if (phaseId === 'opstart' && plannedDate <= today) board.markOpstartHeld(cardId, plannedDate, origin);
    }
    setNextDue(board, cardId, today, origin);
    return;
  }

  const [minDay, maxDay] = FORLOB_DAY[phaseId] ?? [1, 1];
  const startDate = addDaysToDate(today, -(intBetween(rand, minDay, maxDay) - 1));
  const visitationDate = addDaysToDate(startDate, -1);
  board.setLifecycle(
    cardId,
    { ...catalogueSelection(rehab), visitationDate, startDate, weeklyHours: intBetween(rand, 2, 12) },
    origin,
  );
  board.planOpstart(cardId, { plannedDate: addDaysToDate(startDate, 7), participants: ['ssh', 'terapeut'] }, origin);
  board.markOpstartHeld(cardId, addDaysToDate(startDate, 7), origin);
  for (const week of EARLIER_WEEKS[phaseId] ?? []) {
    const who = someone();
    board.completeFollowUp(
      cardId,
      `week-${week}`,
      {
        date: addDaysToDate(startDate, 7 * (week - 1) + intBetween(rand, 0, 3)),
        by: who.id,
        byName: who.name,
        decision: { code: rand() < 0.75 ? 'E1' : 'E2', reason: 'Drøftet på det tværfaglige møde' },
      },
      origin,
    );
  }
  if (rand() < 0.7) board.addGoal(cardId, { kind: 'citizen', text: pick(rand, CITIZEN_GOALS) }, origin);
  if (rand() < 0.6) board.addGoal(cardId, { kind: 'smart', text: pick(rand, SMART_GOALS) }, origin);
  if (rand() < 0.3) {
    board.upsertRelative(
      cardId,
      { name: pick(rand, ['Mette', 'Lars', 'Susanne', 'Thomas']), relation: 'barn', consent: true, goodNews: true },
      origin,
    );
  }
  if (phaseId === 'afsluttet') {
    board.closeForlob(
      cardId,
      {
        outcome: pick(rand, ['afsluttet', 'reduceret', 'almindelig-hjemmepleje'] as const),
        closedOn: addDaysToDate(today, -intBetween(rand, 0, 5)),
        by: visitator.id,
        byName: visitator.name,
        visitatorParticipated: true,
      },
      origin,
    );
    return;
  }
  if (rand() < 0.12) {
    const who = someone();
    board.addRequest(cardId, { ...pick(rand, REQUESTS), by: who.id, byName: who.name }, origin);
  }
  if (rand() < 0.08) {
    board.setLifecycle(
      cardId,
      {
        temporaryChange: {
          text: pick(rand, TEMPORARY_CHANGES),
          endDate: addDaysToDate(today, intBetween(rand, 3, 14)),
        },
      },
      origin,
    );
  }
  setNextDue(board, cardId, today, origin);
}

/** The card's "næste frist" is the next follow-up the cadence gives. */
function setNextDue(board: BoardDoc, cardId: string, today: string, origin: TransactionOrigin): void {
  const card = board.card(cardId);
  if (!card) return;
  const next = nextDueDateForCard(card, today, { boardTemplateId: board.boardCadenceTemplateId() });
  if (next) board.updateCard(cardId, { nextDueDate: next }, origin);
}
