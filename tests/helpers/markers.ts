/**
 * Marker text in every field and key of the board doc, for the wall-screen leak tests
 * (issue #10; tests/unit/screenProjection.test.ts, tests/integration/screen-markers.test.ts).
 * The wall must never receive `MARKER`: it is six letters, so no screen label (at most four
 * letters) can hold it, and it contains 'Ø', so no id or order key can.
 */
import * as Y from 'yjs';
import type { BoardDoc } from '../../shared/doc/boardDoc.js';
import type { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import type { AgendaItem } from '../../shared/model/meeting.js';

export const MARKER = 'MARKØR';
/** `MARKØR-<field>`: says where a leak came from. */
export const mark = (field: string): string => `${MARKER}-${field}`;

const AT = '2026-11-20T08:00:00.000Z';
const DAY = '2026-11-20';

/**
 * Writes, through the typed API only (so every value is valid per schema and accepted by
 * the board), marker text into every free-text field: card, lifecycle, collections,
 * triage, discussions, nominations, questions, meeting, agenda, notes, actions, parking.
 * Returns the ids it created.
 */
export function writeValidMarkers(
  board: BoardDoc,
  meetings: MeetingDoc,
  origin: TransactionOrigin,
): { cardId: string; closedId: string; meetingId: string } {
  // Ids of who did something must be the writer's own (the server refuses anything else);
  // the display names carry the marker.
  const me = origin.source === 'local' ? origin.userId : 'u-eva';
  const by = { by: me, byName: mark('byName') };
  const cardId = board.createCard(
    {
      name: mark('name'),
      initials: MARKER,
      phaseId: 'henvist',
      forlobType: mark('forlobType'),
      contactPerson: mark('contactPerson'),
      note: mark('note'),
    },
    origin,
  );
  board.setLifecycle(
    cardId,
    {
      legalBasis: mark('legalBasis'),
      secondaryContact: mark('secondaryContact'),
      externalRef: mark('externalRef'),
      temporaryChange: { text: mark('temporaryChange'), endDate: DAY },
      visitationDate: DAY,
      startDate: DAY,
      weeklyHours: 3,
    },
    origin,
  );
  board.planOpstart(cardId, { plannedDate: DAY, participants: ['ssh'], note: mark('opstartNote') }, origin);
  board.completeFollowUp(
    cardId,
    'week-2',
    { date: DAY, ...by, decision: { code: 'E2', reason: mark('decisionReason') } },
    origin,
  );
  board.recordDecision(cardId, { code: 'E1', reason: mark('decision'), ...by }, origin);
  board.addGoal(cardId, { kind: 'citizen', text: mark('goal') }, origin);
  board.upsertRelative(cardId, { name: mark('relative'), relation: mark('relation'), phone: mark('phone') }, origin);
  const requestId = board.addRequest(cardId, { kind: 'mere-tid', reason: mark('request'), ...by }, origin);
  board.decideRequest(
    cardId,
    requestId,
    {
      status: 'afvist',
      decidedBy: me,
      decidedByName: mark('decidedByName'),
      note: mark('decisionNote'),
    },
    origin,
  );
  const entryId = board.addLogEntry(
    cardId,
    { ...by, kind: 'visitator', routedTo: 'visitator', text: mark('logEntry') },
    origin,
  );
  board.markLogRead(cardId, entryId, by, origin);
  const closedId = board.createCard({ name: mark('closedName'), phaseId: 'henvist' }, origin);
  board.closeForlob(closedId, { outcome: 'afsluttet', closedOn: DAY, ...by, note: mark('closure') }, origin);

  meetings.setTriage(cardId, 'red', { ...by, reason: mark('triageReason') }, origin);
  meetings.markTriageResponse(cardId, by, origin);
  meetings.markDiscussed(cardId, { date: DAY, by: mark('discussedBy') }, origin);
  const nominationId = meetings.nominate({ cardId, ...by, note: mark('nomination') }, origin);
  const questionId = meetings.askVisitator({ cardId, ...by, text: mark('question') }, origin);
  meetings.answerQuestion(questionId, { ...by, answer: mark('answer') }, origin);

  const meetingId = meetings.createMeeting({ type: 'tavlemoede', scheduledFor: AT, leader: mark('leader') }, origin);
  meetings.setMinutes(meetingId, { summary: mark('summary'), attendees: [mark('attendee')] }, origin);
  const item: AgendaItem = {
    id: `c:${cardId}`,
    cardId,
    title: mark('itemTitle'),
    reasons: [
      { code: 'red', since: AT },
      { code: 'triage-changed', from: 'green', to: 'red', at: AT, byName: mark('reasonByName'), count: 1 },
      {
        code: 'follow-up-due',
        followUpId: 'week-5',
        label: mark('label'),
        labelEn: mark('labelEn'),
        dueDate: DAY,
        windowEnd: DAY,
      },
      { code: 'question-for-visitator', questionId, text: mark('reasonText'), byName: mark('qByName'), at: AT },
      { code: 'request-pending', requestId, kind: 'mere-tid', reason: mark('reasonReason'), byName: mark('r'), at: AT },
      { code: 'nominated', nominationId, byName: mark('nByName'), at: AT, note: mark('reasonNote') },
      { code: 'temporary-change-ending', text: mark('reasonTemp'), endDate: DAY },
    ],
    source: 'rule',
    timeBoxMin: 2,
    status: 'pending',
    nominatedBy: mark('nominatedBy'),
  };
  meetings.prepareAgenda(meetingId, [item], origin);
  const manual = meetings.addManualItem(meetingId, { title: mark('manualItem') }, origin);
  meetings.setItemNote(meetingId, item.id, mark('itemNote'), origin);
  meetings.addActionItem(meetingId, { itemId: item.id, text: mark('action'), who: mark('who'), by: me }, origin);
  meetings.park(meetingId, { ...by, text: mark('parking'), itemId: manual }, origin);
  meetings.startMeeting(meetingId, origin);
  // The free area (issue #16): the one place chosen text reaches the wall, so the markers are
  // a note not marked "Vis på skærmen" and one marked but naming the citizen "MARKØR-name".
  const note = { kind: 'note', x: 10, y: 10, w: 200, h: 150, colour: 'gul', expiry: null } as const;
  board.addFreeItem({ ...note, ...by, text: mark('freeNote'), onScreen: false }, origin);
  board.addFreeItem({ ...note, ...by, text: `Husk ${MARKER}`, onScreen: true }, origin);
  return { cardId, closedId, meetingId };
}

function nested(parent: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const current = parent.get(key);
  if (current instanceof Y.Map) return current;
  const created = new Y.Map<unknown>();
  parent.set(key, created);
  return created;
}

/**
 * Hostile raw Yjs writes, each its own transaction (one update each): marker text in every
 * key the doc layout has, values of the wrong type, oversized initials, extra keys inside
 * every object, marker keys, and order keys that spell something. Most are invalid per
 * schema, so a validating server may refuse them; the wall must not show any either way.
 */
export function rawMarkerWrites(ids: { cardId: string; meetingId: string }): RawWrite[] {
  const extra = { [mark('extraKey')]: mark('extraValue') };
  const writes: RawWrite[] = [];
  const tx = (fn: (doc: Y.Doc) => void) => writes.push(fn);
  const card = (doc: Y.Doc) => doc.getMap('cards').get(ids.cardId) as Y.Map<unknown>;
  const meeting = (doc: Y.Doc) => doc.getMap('meetings').get(ids.meetingId) as Y.Map<unknown>;
  tx((doc) => card(doc).set('initials', `${mark('initials')}-`.repeat(4)));
  tx((doc) => card(doc).set('position', { phaseId: 'henvist', key: 'a0MRKRpos', note: mark('position') }));
  for (const key of [
    'triage',
    'nextDueDate',
    'phaseEnteredAt',
    'createdAt',
    'visitationDate',
    'startDate',
    'cadenceTemplateId',
    'forlobTypeId',
    'weeklyHours',
    'opstartPlannedDate',
    'opstartHeldOn',
  ]) {
    tx((doc) => card(doc).set(key, mark(key)));
  }
  tx((doc) => card(doc).set('opstartParticipants', ['ssh', mark('participant')]));
  tx((doc) => card(doc).set('temporaryChange', { text: 'x', endDate: DAY, ...extra }));
  tx((doc) =>
    card(doc).set('closure', {
      outcome: 'afsluttet',
      closedOn: DAY,
      by: mark('closureBy'),
      byName: mark('closureByName'),
      visitatorParticipated: false,
      note: '',
      ...extra,
    }),
  );
  tx((doc) => card(doc).set(mark('cardKey'), mark('cardValue')));
  tx((doc) =>
    nested(card(doc), 'followUps').set('week-8', { date: DAY, by: 'u', byName: '', decisionId: 'dx', ...extra }),
  );
  tx((doc) => nested(card(doc), 'followUps').set('markor-week', { date: DAY, by: 'u', byName: mark('fuKeyName') }));
  tx((doc) =>
    nested(card(doc), 'decisions').set('dx', {
      id: 'dx',
      code: 'E1',
      reason: '',
      by: 'u',
      byName: '',
      at: AT,
      followUpId: 'markor-week',
      ...extra,
    }),
  );
  tx((doc) =>
    nested(card(doc), 'goals').set('gx', { id: 'gx', kind: 'smart', text: mark('rawGoal'), status: 'aktiv' }),
  );
  tx((doc) => nested(card(doc), 'relatives').set('rx', { id: 'rx', name: mark('rawRelative') }));
  tx((doc) => nested(card(doc), 'requests').set('qx', { id: 'qx', reason: mark('rawRequest') }));
  tx((doc) => nested(card(doc), 'log').set('lx', { id: 'lx', text: mark('rawLog') }));
  tx((doc) =>
    nested(card(doc), 'logReads').set('lx:u', { entryId: 'lx', by: 'u', byName: mark('rawReader'), at: AT, ...extra }),
  );

  tx((doc) =>
    doc
      .getMap('phases')
      .set('henvist', { id: 'henvist', title: mark('phaseTitle'), kind: 'referred', position: 0, ...extra }),
  );
  tx((doc) =>
    doc
      .getMap('phases')
      .set('mphase', { id: 'mphase', title: mark('newPhase'), kind: 'followup', followUpWeek: 3, position: 20 }),
  );
  tx((doc) => doc.getMap('meta').set('name', mark('boardName')));
  tx((doc) => doc.getMap('meta').set(mark('metaKey'), mark('metaValue')));

  tx((doc) =>
    doc.getMap('triageEvents').set('tx', {
      id: 'tx',
      cardId: ids.cardId,
      at: AT,
      from: 'green',
      to: 'red',
      by: mark('teBy'),
      byName: mark('teByName'),
      reason: mark('teReason'),
      ...extra,
    }),
  );
  tx((doc) =>
    doc.getMap('lastDiscussed').set(ids.cardId, {
      date: DAY,
      by: mark('ldBy'),
      meetingId: ids.meetingId,
      previous: { date: DAY, by: mark('ldPrevious') },
      ...extra,
    }),
  );
  tx((doc) =>
    doc.getMap('nominations').set('nx', {
      id: 'nx',
      cardId: ids.cardId,
      by: mark('nBy'),
      byName: mark('nName'),
      at: AT,
      note: mark('nNote'),
      ...extra,
    }),
  );
  tx((doc) => doc.getMap('questions').set('qx', { id: 'qx', text: mark('rawQuestion') }));
  tx((doc) => doc.getMap(mark('rootMap')).set(mark('rootKey'), mark('rootValue')));

  tx((doc) => meeting(doc).set('leader', mark('rawLeader')));
  tx((doc) => meeting(doc).set('scheduledFor', mark('scheduledFor')));
  tx((doc) => meeting(doc).set(mark('meetingKey'), mark('meetingValue')));
  tx((doc) =>
    nested(meeting(doc), 'items').set(`c:${ids.cardId}`, {
      id: `c:${ids.cardId}`,
      cardId: ids.cardId,
      title: mark('rawTitle'),
      reasons: [
        { code: 'red', since: null, ...extra },
        { code: 'not-discussed', since: DAY, lastDiscussedOn: null, note: mark('reasonExtra') },
        { code: mark('reasonCode'), text: mark('unknownReason') },
      ],
      source: 'rule',
      timeBoxMin: 2,
      nominatedBy: mark('rawNominatedBy'),
      ...extra,
    }),
  );
  tx((doc) => nested(meeting(doc), 'order').set(`c:${ids.cardId}`, 'a0MRKRorder'));
  tx((doc) => nested(meeting(doc), 'status').set(`c:${ids.cardId}`, mark('status')));
  tx((doc) => nested(meeting(doc), 'timeBox').set(`c:${ids.cardId}`, mark('timeBox')));
  tx((doc) => nested(meeting(doc), 'notes').set(`c:${ids.cardId}`, mark('rawNote')));
  tx((doc) => nested(meeting(doc), 'removed').set('m:gone', { id: 'm:gone', reasonKeys: [mark('reasonKey')] }));
  tx((doc) => nested(meeting(doc), 'actions').set('ax', { id: 'ax', text: mark('rawAction') }));
  tx((doc) => nested(meeting(doc), 'parking').set('px', { id: 'px', text: mark('rawParking') }));
  return writes;
}

/** One hostile write: a function that changes a doc in one transaction. */
export type RawWrite = (doc: Y.Doc) => void;

/** Applies every raw marker write to `doc`, each in its own transaction (one update each). */
export function writeRawMarkers(doc: Y.Doc, ids: { cardId: string; meetingId: string }): void {
  for (const write of rawMarkerWrites(ids)) doc.transact(() => write(doc));
}

/** The ASCII markers of the raw writes that only fit base-62 (order keys). */
export const ASCII_MARKER = 'MRKR';
