import { ArrowDown, ArrowUp, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGENDA_ITEM_STATUS_LABELS,
  MeetingTypeSchema,
  RoleSchema,
  canLeadMeeting,
  canPointInMeeting,
  formatMinutes,
  nextMeetings,
  planBoardAgenda,
  planSummary,
  reasonText,
  type MeetingType,
  type Role,
  type SessionUser,
} from '../../../../shared/index.js';
import type { PresentPerson } from '../../hooks/usePresence';
import type { BoardConnection } from '../../sync/boardConnection';
import type { BoardSocket, LiveMeeting } from '../../sync/boardSocket';
import type { BoardSnapshot } from '../../sync/boardStore';
import type { MeetingSnapshot } from '../../sync/meetingStore';
import { useLifecycleEnv } from '../lifecycle/env';
import { itemName } from './display';
import { AgendaBudget } from './AgendaBudget';
import { MeetingClockView } from './MeetingClockView';
import { NextMeetings } from './NextMeetings';
import { MeetingItemNotes } from './MeetingItemNotes';
import { CareSignalsFocus } from '../careSignals/CareSignalsFocus';
import { MeetingMinutes } from './MeetingMinutes';
import { AddAgendaItem } from './AddAgendaItem';
import { MeetingParking } from './MeetingParking';
import { VisitatorQueue } from './VisitatorQueue';
import { EndMeetingDialog } from './EndMeetingDialog';
import { useMeetingRun } from './useMeetingRun';
import { SwapWeekFigure } from '../swaps/SwapWeekFigure';
import { VisitatorLine } from '../org/VisitatorLine';

const TYPES = MeetingTypeSchema.options;
const COORDINATORS = new Set(['koordinator', 'leder', 'administrator']);

interface Props {
  connection: BoardConnection;
  socket: BoardSocket | null;
  user: SessionUser;
  board: BoardSnapshot;
  meetings: MeetingSnapshot;
  live: LiveMeeting;
  privacy: boolean;
  follow: boolean;
  followForced: boolean;
  onFollowChange: (on: boolean) => void;
  onBackToMeeting: () => void;
  onError: (message: string) => void;
  onClose: () => void;
  /** Opens a card in the detail panel (from the visitator's queue). */
  onOpenCard: (cardId: string) => void;
  /** Who is on the board now (presence): whom the leader can hand the meeting to. */
  people: readonly PresentPerson[];
}

/** The meeting side panel: agenda "Ingen glemmes", live control, clocks, and the minutes. */
export function MeetingPanel(props: Props) {
  const { connection, socket, user, board, meetings, live, privacy, onError } = props;
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const [type, setType] = useState<MeetingType>('tavlemoede');
  const open = meetings.open;
  const state = live.meeting && open && live.meeting.meetingId === open.id ? live.meeting : null;
  const otherRunning = live.meeting !== null && state === null;
  const mayLead = env.editable && canLeadMeeting(user.role);
  const mayArrange = env.editable && COORDINATORS.has(user.role);
  const isLeader = state?.leader?.userId === user.id;
  const fail = (message: string) => onError(t('meeting.failed', { message }));
  const handoverTo = props.people.filter(
    (p) => !p.isMe && p.userId !== user.id && RoleSchema.safeParse(p.role).success && canLeadMeeting(p.role as Role),
  );

  const makeAgenda = (meetingType: MeetingType) => {
    try {
      connection.writeMeeting((md, origin) => {
        const now = new Date().toISOString();
        const id = open
          ? open.id
          : md.createMeeting({ type: meetingType, scheduledFor: now, leader: user.name }, origin);
        // the team's budget, by priority: must-discuss, then the "alt vel?" rotation (rules/agendaPlan.ts)
        const plan = planBoardAgenda(md, {
          type: open ? open.type : meetingType,
          now,
          today: env.today,
          team: env.teamMeetings,
          visitatorDays: env.visitatorDays,
          triageConfig: env.triageConfig,
          lifecycle: env.ctx,
          careSignals: env.careSignals,
        });
        md.prepareAgenda(id, plan.items, origin);
        md.setAgendaPlan(id, planSummary(plan), origin);
      });
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    }
  };

  const send = async (event: Parameters<BoardSocket['send']>[0], payload: Record<string, unknown> = {}) => {
    if (!socket) return false;
    const res = await socket.send(event, payload);
    if (!res.ok) fail(res.error.message);
    return res.ok;
  };

  const carriedIds = new Set(
    meetings.lastEndedAgenda.filter((i) => i.status === 'not-reached' || i.status === 'pending').map((i) => i.id),
  );
  const write = (action: Parameters<BoardConnection['writeMeeting']>[0]) => {
    try {
      connection.writeMeeting(action);
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    }
  };

  const run = useMeetingRun({ open, state, agenda: meetings.agenda, write, send });
  const { goto, left, allTakenUp } = run;

  return (
    <aside className="meeting-panel" aria-labelledby="meeting-title" data-testid="meeting-panel">
      <div className="meeting-header">
        <h2 id="meeting-title">{open ? t(`meeting.types.${open.type}`) : t('meeting.panel')}</h2>
        <button type="button" className="detail-close" onClick={props.onClose} aria-label={t('meeting.close')}>
          ×
        </button>
      </div>
      <VisitatorLine teamId={board.meta?.teamId ?? null} socket={socket} variant="meeting" />
      <SwapWeekFigure cards={board.cardsById} />

      {state && (
        <section className="meeting-live" data-testid="meeting-live">
          <p>{state.leader ? t('meeting.leader', { name: state.leader.name }) : t('meeting.noLeader')}</p>
          <MeetingClockView
            state={state}
            offset={live.offset}
            agenda={meetings.agenda}
            budgetMin={meetings.plan?.budgetMin ?? null}
          />
          <div className="meeting-actions">
            {isLeader && !allTakenUp && (
              <button type="button" className="primary" onClick={run.next} data-testid="meeting-next">
                {t('meeting.next')}
              </button>
            )}
            {isLeader && run.canUndoNext && (
              <button type="button" onClick={run.undoNext} data-testid="meeting-undo-next">
                {t('meeting.undoNext')}
              </button>
            )}
            {isLeader && (
              <button
                type="button"
                onClick={() => void send('meeting:pause', { paused: !state.paused })}
                data-testid="meeting-pause"
              >
                {state.paused ? t('meeting.resume') : t('meeting.pause')}
              </button>
            )}
            {state.leader === null && mayLead && (
              <button type="button" onClick={() => void send('meeting:takeover')}>
                {t('meeting.takeover')}
              </button>
            )}
            {(isLeader || (state.leader === null && mayLead)) && (
              <button type="button" onClick={() => void run.end()} data-testid="meeting-end">
                {t('meeting.end')}
              </button>
            )}
          </div>
          {allTakenUp && (
            <p className="meeting-note" role="status" data-testid="meeting-all-done">
              {t('meeting.allTakenUp')}
            </p>
          )}
          {run.confirmEnd && (
            <EndMeetingDialog
              left={left.length}
              total={meetings.agenda.length}
              onConfirm={() => void run.end(true)}
              onCancel={run.cancelEnd}
            />
          )}
          {state.paused && (
            <p className="meeting-note" role="status">
              {t('meeting.paused')}
            </p>
          )}
          {isLeader && handoverTo.length > 0 && (
            <label className="meeting-handover">
              {t('meeting.handover')}
              <select
                value=""
                onChange={(e) => e.target.value && void send('meeting:handover', { userId: e.target.value })}
                data-testid="meeting-handover"
              >
                <option value="">{t('meeting.handoverChoose')}</option>
                {handoverTo.map((p) => (
                  <option key={p.userId} value={p.userId}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="toggle">
            <input
              type="checkbox"
              checked={props.follow}
              disabled={props.followForced}
              onChange={(e) => props.onFollowChange(e.target.checked)}
            />
            {props.followForced ? t('meeting.followForced') : t('meeting.follow')}
          </label>
          {!props.follow && state.currentCardId && (
            <button type="button" onClick={props.onBackToMeeting} data-testid="back-to-meeting">
              {t('meeting.backToMeeting')}
            </button>
          )}
        </section>
      )}
      {otherRunning && <p className="meeting-note">{t('meeting.otherMeeting')}</p>}

      {!open && mayLead && (
        <div className="meeting-prepare">
          <label>
            {t('meeting.type')}
            <select value={type} onChange={(e) => setType(e.target.value as MeetingType)} data-testid="meeting-type">
              {TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`meeting.types.${x}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" onClick={() => makeAgenda(type)} data-testid="make-agenda">
            {meetings.lastEnded ? t('meeting.newAgenda') : t('meeting.makeAgenda')}
          </button>
        </div>
      )}
      {!open && (
        <NextMeetings
          meetings={nextMeetings(new Date().toISOString(), env.teamMeetings, env.visitatorDays)}
          lang={env.lang}
        />
      )}

      {open ? (
        <section aria-label={t('meeting.agenda')}>
          <div className="meeting-actions">
            {mayLead && !state && !otherRunning && (
              <button type="button" className="primary" onClick={() => void run.start()} data-testid="meeting-start">
                {t('meeting.start')}
              </button>
            )}
            {mayArrange && (
              <button type="button" onClick={() => makeAgenda(open.type)}>
                {t('meeting.refreshAgenda')}
              </button>
            )}
          </div>
          <h3>{t('meeting.agenda')}</h3>
          <AgendaBudget
            plan={meetings.plan}
            agenda={meetings.agenda}
            cardsById={board.cardsById}
            privacy={privacy}
            lang={env.lang}
          />
          {meetings.agenda.length === 0 ? (
            <p className="meeting-note">{t('meeting.emptyAgenda')}</p>
          ) : (
            <ol className="agenda" data-testid="agenda">
              {meetings.agenda.map((item, i) => {
                const name = itemName(item, board.cardsById, privacy);
                const current = state?.currentItemId === item.id;
                const carried = carriedIds.has(item.id) && item.status === 'pending';
                return (
                  <li
                    key={item.id}
                    className={`agenda-item${current ? ' current' : ''} status-${item.status}`}
                    data-testid={`agenda-item-${item.id}`}
                    data-current={current ? 'true' : undefined}
                    aria-current={current ? 'step' : undefined}
                  >
                    <div className="agenda-item-head">
                      {isLeader ? (
                        <button
                          type="button"
                          className="agenda-goto"
                          onClick={() => goto(item)}
                          aria-label={t('meeting.goto', { name })}
                        >
                          {name}
                        </button>
                      ) : (
                        <strong className="agenda-name">{name}</strong>
                      )}
                      {mayArrange ? (
                        <label className="agenda-box">
                          <input
                            type="number"
                            min={0.5}
                            max={120}
                            step={0.5}
                            value={item.timeBoxMin}
                            aria-label={t('meeting.timeBox', { name })}
                            data-testid="agenda-timebox"
                            onChange={(e) => {
                              const v = Number(e.target.value);
                              if (Number.isInteger(v * 2) && v >= 0.5 && v <= 120) {
                                write((md, origin) => md.setTimeBox(open.id, item.id, v, origin));
                              }
                            }}
                          />{' '}
                          min
                        </label>
                      ) : (
                        <span className="agenda-box">{formatMinutes(item.timeBoxMin, env.lang)}</span>
                      )}
                      {current && <span className="agenda-current">{t('meeting.current')}</span>}
                      {carried && (
                        <span className="agenda-carried" data-testid="agenda-carried">
                          {t('meeting.carried')}
                        </span>
                      )}
                      {item.status !== 'pending' && (
                        <span className="agenda-status">{AGENDA_ITEM_STATUS_LABELS[item.status][env.lang]}</span>
                      )}
                    </div>
                    <ul className="agenda-reasons">
                      {item.reasons.map((r, k) => (
                        <li key={k}>{reasonText(r, env.today, env.lang)}</li>
                      ))}
                    </ul>
                    {item.nominatedBy && (
                      <p className="field-hint" data-testid="agenda-nominated-by">
                        {t('meeting.proposedBy', { name: item.nominatedBy })}
                      </p>
                    )}
                    {current && !privacy && (
                      <MeetingItemNotes
                        connection={connection}
                        meetingId={open.id}
                        item={item}
                        actions={meetings.actions}
                        userId={user.id}
                        editable={mayLead}
                      />
                    )}
                    {current && !privacy && item.cardId && board.cardsById.get(item.cardId) && (
                      <CareSignalsFocus card={board.cardsById.get(item.cardId)!} />
                    )}
                    <div className="agenda-item-actions">
                      {mayLead && (
                        <button
                          type="button"
                          data-testid="agenda-discussed"
                          onClick={() =>
                            write((md, origin) =>
                              md.setItemStatus(
                                open.id,
                                item.id,
                                item.status === 'discussed' ? 'pending' : 'discussed',
                                origin,
                              ),
                            )
                          }
                        >
                          {item.status === 'discussed' ? t('meeting.undoDiscussed') : t('meeting.discussed')}
                        </button>
                      )}
                      {mayLead && item.status === 'pending' && (
                        <button
                          type="button"
                          data-testid="agenda-park"
                          onClick={() =>
                            write((md, origin) => {
                              md.park(
                                open.id,
                                { text: item.title, itemId: item.id, by: user.id, byName: user.name },
                                origin,
                              );
                              md.setItemStatus(open.id, item.id, 'parked', origin);
                            })
                          }
                        >
                          {t('meeting.park')}
                        </button>
                      )}
                      {state && item.cardId && canPointInMeeting(user) && (
                        <button
                          type="button"
                          data-testid="agenda-point"
                          title={t('meeting.pointHint', { name })}
                          onClick={() => void send('meeting:point', { cardId: item.cardId })}
                        >
                          {t('meeting.point')}
                        </button>
                      )}
                      {mayArrange && (
                        <>
                          <button
                            type="button"
                            disabled={i === 0}
                            aria-label={t('meeting.up', { name })}
                            onClick={() => write((md, origin) => md.moveAgendaItem(open.id, item.id, i - 1, origin))}
                          >
                            <ArrowUp aria-hidden="true" />
                          </button>
                          <button
                            type="button"
                            disabled={i === meetings.agenda.length - 1}
                            aria-label={t('meeting.down', { name })}
                            onClick={() => write((md, origin) => md.moveAgendaItem(open.id, item.id, i + 1, origin))}
                          >
                            <ArrowDown aria-hidden="true" />
                          </button>
                          <button
                            type="button"
                            aria-label={t('meeting.remove', { name })}
                            onClick={() => write((md, origin) => md.removeAgendaItem(open.id, item.id, origin))}
                          >
                            <X aria-hidden="true" />
                          </button>
                        </>
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
          {mayArrange && (
            <AddAgendaItem
              connection={connection}
              meetingId={open.id}
              cards={[...board.cardsById.values()]}
              privacy={privacy}
              onError={onError}
            />
          )}
          <MeetingParking
            connection={connection}
            meetingId={open.id}
            parked={meetings.parked}
            agenda={meetings.agenda}
            cardsById={board.cardsById}
            user={user}
            privacy={privacy}
            editable={mayLead}
            onError={onError}
          />
        </section>
      ) : meetings.lastEnded ? (
        <MeetingMinutes
          meeting={meetings.lastEnded}
          agenda={meetings.lastEndedAgenda}
          actions={meetings.lastEndedActions}
          parked={meetings.lastEndedParked}
          triageEvents={meetings.triageEvents}
          questions={meetings.questions}
          board={board}
          privacy={privacy}
        />
      ) : (
        <p className="meeting-note">{t('meeting.noAgenda')}</p>
      )}
      <VisitatorQueue
        board={board}
        questions={meetings.questions}
        privacy={privacy}
        onOpen={props.onOpenCard}
        onError={onError}
      />
    </aside>
  );
}
