import { DECISION_CODE_LABELS, GOAL_STATUS_LABELS, REQUEST_KIND_LABELS } from '../model/lifecycle.js';
import type { Card } from '../model/card.js';
import type { Meeting, StoredTriageEvent, StoredVisitatorQuestion } from '../model/meeting.js';
import type { Phase } from '../model/phase.js';
import type { Lang } from './dates.js';
import { TRIAGE_WORDS } from './triage.js';

/*
 * What happened to each card during a meeting, for the minutes (rules/minutes.ts): every
 * record that carries a time inside the meeting's window — FSIII decisions, triage changes,
 * anmodninger made and decided, questions asked and answered, goals — and the moves, read
 * from the columns the server noted at start and end (a card keeps no move history).
 */

export type MinutesChangeKind =
  'decision' | 'triage' | 'move' | 'request-made' | 'request-decided' | 'question-asked' | 'question-answered' | 'goal';

/** One thing that happened to a card during the meeting, as one line. */
export interface MinutesChange {
  kind: MinutesChangeKind;
  /** When (the meeting's end for a move, which has no instant of its own). */
  at: string;
  text: string;
  /** Who did it ('' when unknown). */
  byName: string;
}

/** The records the changes are read from. */
export interface ChangesInput {
  meeting: Pick<Meeting, 'phasesAtStart' | 'phasesAtEnd'>;
  cards: ReadonlyMap<string, Card>;
  triageEvents?: readonly StoredTriageEvent[];
  questions?: readonly StoredVisitatorQuestion[];
  /** Column names for moves. */
  phases?: readonly Phase[];
}

/** Everything with a time inside the meeting, per card, oldest first. */
export function changesByCard(
  input: ChangesInput,
  inWindow: (at: string | null | undefined) => boolean,
  endMs: number,
  lang: Lang,
): Map<string, MinutesChange[]> {
  const da = lang === 'da';
  const out = new Map<string, MinutesChange[]>();
  const add = (cardId: string, c: MinutesChange) => {
    const list = out.get(cardId) ?? [];
    list.push(c);
    out.set(cardId, list);
  };
  for (const card of input.cards.values()) {
    for (const d of card.lifecycle.decisions) {
      if (!inWindow(d.at)) continue;
      const label = `${d.code} ${DECISION_CODE_LABELS[d.code][lang]}`;
      add(card.id, { kind: 'decision', at: d.at, text: d.reason ? `${label}: ${d.reason}` : label, byName: d.byName });
    }
    for (const r of card.lifecycle.requests) {
      const kind = REQUEST_KIND_LABELS[r.kind][lang].toLocaleLowerCase(lang);
      if (inWindow(r.at)) {
        const text = da
          ? `Anmodning til visitator om ${kind}: ${r.reason}`
          : `Request to the visitator (${kind}): ${r.reason}`;
        add(card.id, { kind: 'request-made', at: r.at, text, byName: r.byName });
      }
      if (r.status !== 'afventer' && r.decidedAt !== null && inWindow(r.decidedAt)) {
        const verdict = r.status === 'godkendt' ? (da ? 'godkendt' : 'approved') : da ? 'afvist' : 'declined';
        const head = da ? `Anmodning om ${kind} ${verdict}: ${r.reason}` : `Request (${kind}) ${verdict}: ${r.reason}`;
        const text = r.decisionNote ? `${head} – ${r.decisionNote}` : head;
        add(card.id, { kind: 'request-decided', at: r.decidedAt, text, byName: r.decidedByName ?? '' });
      }
    }
    for (const g of card.lifecycle.goals) {
      const created = inWindow(g.createdAt);
      if (!created && !inWindow(g.updatedAt)) continue;
      const status = GOAL_STATUS_LABELS[g.status][lang].toLocaleLowerCase(lang);
      const text = created
        ? da
          ? `Nyt mål: ${g.text}`
          : `New goal: ${g.text}`
        : da
          ? `Mål ${status}: ${g.text}`
          : `Goal ${status}: ${g.text}`;
      add(card.id, { kind: 'goal', at: created ? g.createdAt : g.updatedAt, text, byName: '' });
    }
  }
  for (const e of input.triageEvents ?? []) {
    if (!inWindow(e.at) || !input.cards.has(e.cardId)) continue;
    const head = da
      ? `Triage ændret fra ${TRIAGE_WORDS[e.from].da} til ${TRIAGE_WORDS[e.to].da}`
      : `Triage changed from ${TRIAGE_WORDS[e.from].en} to ${TRIAGE_WORDS[e.to].en}`;
    add(e.cardId, { kind: 'triage', at: e.at, text: e.reason ? `${head}: ${e.reason}` : head, byName: e.byName });
  }
  for (const q of input.questions ?? []) {
    if (q.cardId === null || !input.cards.has(q.cardId)) continue;
    for (const c of questionChanges(q, inWindow, lang)) add(q.cardId, c);
  }
  const { phasesAtStart, phasesAtEnd } = input.meeting;
  if (phasesAtStart) {
    const names = new Map((input.phases ?? []).map((p) => [p.id, p.title]));
    const at = new Date(endMs).toISOString();
    for (const card of input.cards.values()) {
      const before = phasesAtStart[card.id];
      const after = phasesAtEnd ? phasesAtEnd[card.id] : card.position.phaseId;
      if (!before || !after || before === after) continue;
      const [a, b] = [names.get(before) ?? before, names.get(after) ?? after];
      add(card.id, {
        kind: 'move',
        at,
        text: da ? `Flyttet fra ${a} til ${b}` : `Moved from ${a} to ${b}`,
        byName: '',
      });
    }
  }
  for (const list of out.values()) list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return out;
}

function questionChanges(
  q: StoredVisitatorQuestion,
  inWindow: (at: string | null | undefined) => boolean,
  lang: Lang,
): MinutesChange[] {
  const da = lang === 'da';
  const out: MinutesChange[] = [];
  const answered = q.status === 'answered' && inWindow(q.answeredAt);
  if (inWindow(q.at) && !answered) {
    out.push({
      kind: 'question-asked',
      at: q.at,
      text: da ? `Spørgsmål til visitator: ${q.text}` : `Question for the visitator: ${q.text}`,
      byName: q.byName,
    });
  }
  if (answered) {
    const text = da
      ? `Visitator svarede på "${q.text}": ${q.answer ?? ''}`
      : `The visitator answered "${q.text}": ${q.answer ?? ''}`;
    out.push({ kind: 'question-answered', at: q.answeredAt!, text, byName: q.answeredByName ?? '' });
  }
  return out;
}

export function generalQuestions(
  input: ChangesInput,
  inWindow: (at: string | null | undefined) => boolean,
  lang: Lang,
): MinutesChange[] {
  return (input.questions ?? [])
    .filter((q) => q.cardId === null || !input.cards.has(q.cardId))
    .flatMap((q) => questionChanges(q, inWindow, lang));
}

/** "Triage ændret fra grøn til rød: faldet i nat (Anne Holm)". */
export function changeLine(c: MinutesChange): string {
  return c.byName ? `${c.text} (${c.byName})` : c.text;
}
