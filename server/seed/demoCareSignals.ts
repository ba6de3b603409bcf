import { BoardDoc } from '../../shared/doc/boardDoc.js';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import { toIsoDate } from '../../shared/rules/dates.js';
import type { LocalOfferStore } from '../storage/offerTypes.js';
import type { DemoActor } from './demoLifecycle.js';

/*
 * Discharge, "nej tak" and local offers on the demo board (issue #16 part 5), so `npm start`
 * shows them: on each board one citizen discharged yesterday awaiting the planner, one with
 * two "nej tak" (a third makes the pattern), one with the goal "mindre ensomhed" (the focus
 * view then suggests the besøgsven), and a handful of local offers for the municipality.
 * Fixed choices, no random stream: the rest of the demo board stays as it was.
 */

const ACTIVE = new Set(['uge2', 'uge5', 'uge8', 'uge12']);
const DAY_MS = 86_400_000;

export function seedCareSignals(
  doc: BoardDoc,
  ctx: { now: Date; staff: DemoActor[]; origin: TransactionOrigin },
): void {
  const [who] = ctx.staff;
  if (!who) return;
  const active = doc.cards().filter((c) => ACTIVE.has(c.position.phaseId) && c.lifecycle.closure === null);
  const [discharged, declined, lonely] = [active[1], active[4], active[7]];
  const at = (daysAgo: number) => new BoardDoc(doc.doc, { now: () => new Date(ctx.now.getTime() - daysAgo * DAY_MS) });
  const me = { by: who.id, byName: who.name };
  if (discharged) {
    const yesterday = toIsoDate(new Date(ctx.now.getTime() - DAY_MS));
    at(0.5).flagDischarge(discharged.id, { date: yesterday, ...me }, ctx.origin);
  }
  if (declined) {
    at(6).addDecline(declined.id, { ...me, what: 'Bad' }, ctx.origin);
    at(2).addDecline(declined.id, { ...me, what: 'Rengøring' }, ctx.origin);
  }
  if (lonely && !lonely.lifecycle.goals.some((g) => /ensom/i.test(g.text))) {
    at(3).addGoal(lonely.id, { kind: 'citizen', text: 'Mindre ensomhed – komme ud blandt andre igen' }, ctx.origin);
  }
}

/** Invented local offers of Demo Kommune (no real association is described). */
export const DEMO_OFFERS = [
  {
    id: 'tilbud-besogsven',
    name: 'Besøgsven',
    what: 'En frivillig besøgsven kommer til kaffe og snak en gang om ugen.',
    area: 'Hele kommunen',
    contact: 'Frivilligcentret, tlf. 70 10 20 30',
    tags: ['ensomhed', 'samvær', 'besøgsven'],
  },
  {
    id: 'tilbud-seniorklub',
    name: 'Seniorklubben Nordby',
    what: 'Kortspil, sang og kaffe hver tirsdag kl. 13-16 i Nordby Forsamlingshus.',
    area: 'Nordby',
    contact: 'Formand Grethe, tlf. 70 11 22 33',
    tags: ['fællesskab', 'ensomhed', 'aktivitet'],
  },
  {
    id: 'tilbud-spisefaellesskab',
    name: 'Spisefællesskab i Medborgerhuset',
    what: 'Fælles middag hver torsdag; kørsel kan aftales.',
    area: 'Sønderby',
    contact: 'Medborgerhuset, tlf. 70 12 34 56',
    tags: ['måltider', 'ernæring', 'ensomhed', 'fællesskab'],
  },
  {
    id: 'tilbud-gaahold',
    name: 'Gåhold ved Søen',
    what: 'Rolig gåtur på 30-45 minutter, mandag og fredag kl. 10. Rollator er velkommen.',
    area: 'Sønderby',
    contact: 'Ældre Sagen Sønderby, tlf. 70 13 57 91',
    tags: ['gangfunktion', 'motion', 'fællesskab'],
  },
  {
    id: 'tilbud-traening',
    name: 'Seniortræning i Idrætscentret',
    what: 'Styrke og balance på hold for 65+, instruktør til stede.',
    area: 'Nordby',
    contact: 'Idrætscentret, tlf. 70 14 15 16',
    tags: ['balance', 'styrke', 'motion', 'fald'],
  },
  {
    id: 'tilbud-it-cafe',
    name: 'It-café på Biblioteket',
    what: 'Hjælp til MitID, e-Boks og videoopkald med familien.',
    area: 'Hele kommunen',
    contact: 'Biblioteket, tlf. 70 17 18 19',
    tags: ['it', 'mitid', 'kontakt med familie'],
  },
] as const;

export async function seedLocalOffers(offers: LocalOfferStore, municipalityId: string, now: Date): Promise<void> {
  for (const o of DEMO_OFFERS) {
    await offers.put({ ...o, tags: [...o.tags], municipalityId, districtId: null }, now.getTime());
  }
}
