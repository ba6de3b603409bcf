import { Columns3, History, ListOrdered, Users } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_TRIAGE_CONFIG,
  refusalMessage,
  type AwarenessUser,
  type RefusalCode,
  type SessionUser,
} from '../../../../shared/index.js';
import { useBoardConfig } from '../../hooks/useBoardConfig';
import { useBoardSocket } from '../../hooks/useBoardSocket';
import { useLiveMeeting, useMeetingSnapshot, usePointers } from '../../hooks/useMeeting';
import { useBoardSnapshot } from '../../hooks/useBoardSnapshot';
import { useToasts } from '../../hooks/useToasts';
import { useConflictToasts } from '../../hooks/useConflictToasts';
import { useMyConflicts } from '../../hooks/useMyConflicts';
import { usePresence } from '../../hooks/usePresence';
import { useSyncStatus } from '../../hooks/useSyncStatus';
import { useToday } from '../../hooks/useToday';
import { TABLET_QUERY, useMediaQuery, usePhone } from '../../hooks/useMediaQuery';
import { useUndoRedo } from '../../hooks/useUndoRedo';
import { useBackCloses } from '../../hooks/useBackCloses';
import type { BoardConnection } from '../../sync/boardConnection';
import { AppHeader, type HeaderProps } from '../app/AppHeader';
import { VisitatorLine } from '../org/VisitatorLine';
import { ForMe, ForMeButton, useUnreadCount } from '../cardlog/ForMe';
import { ArchiveSearch } from '../lifecycle/ArchiveSearch';
import { BoardTemplateSelect } from '../lifecycle/BoardTemplateSelect';
import { LifecycleProvider } from '../lifecycle/env';
import { MeetingHighlights } from '../meeting/MeetingHighlights';
import { PresenceAvatars } from '../presence/PresenceAvatars';
import { Toasts } from '../toast/Toasts';
import { TriageClockProvider } from '../triage/triageClock';
import { ConnectionStatus } from '../status/ConnectionStatus';
import { SkipLink } from '../app/SkipLink';
import { HideScreenButton } from '../screen/HideScreenButton';
import { PrintBoardMenu } from './PrintBoardMenu';
import { NotLiveBanner } from '../screen/NotLiveBanner';
import { PhoneBoard } from '../phone/PhoneBoard';
import { PhaseStrip } from '../phone/PhaseStrip';
import { ScreenCover } from '../screen/ScreenCover';
import { useScreenHidden } from '../screen/useScreenHidden';
import { Board } from './Board';
import { DischargeLane } from '../careSignals/DischargeLane';
import {
  CardDetailPanel,
  MeetingPanel,
  PhoneMessages,
  SinceLastPanel,
  TriageView,
  WallFreeArea,
  WallScreen,
  prefetchBoardParts,
} from './lazyParts';
import { FreeAreaDock } from './FreeAreaDock';
import { UndoButtons } from './UndoButtons';

interface Props {
  connection: BoardConnection;
  user: SessionUser;
  editable: boolean;
  header: Omit<HeaderProps, 'children'>;
  /** Open this card's detail panel at first (from "Mine teams"). */
  initialCardId?: string | null;
}

/** One open board: header with live controls, the columns, and the detail panel. */
export function LiveBoard({ connection, user, editable, header, initialCardId = null }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const snapshot = useBoardSnapshot(connection);
  // After a refused write the rights shown may be out of date: the new connection reloads them.
  const config = useBoardConfig(connection.boardId, connection.refusedBefore === null ? null : connection);
  const { toasts, show, dismiss } = useToasts();
  const socket = useBoardSocket(connection.boardId);
  const reportView = useCallback((cardId: string) => socket?.reportView(cardId), [socket]);
  // The server refused one of this person's writes and the board was reopened from the
  // server's copy (the close reason said why): say so, and reload the rights shown.
  const refusedBefore = connection.refusedBefore;
  useEffect(() => {
    if (refusedBefore === null) return;
    show(refusalMessage(refusedBefore as RefusalCode));
  }, [connection, refusedBefore, show]);
  const meetings = useMeetingSnapshot(connection);
  const live = useLiveMeeting(socket);
  const pointers = usePointers(socket);
  const isScreen = user.role === 'skaerm';
  // A phone gets lists and a full-screen card instead of the columns and the side panel.
  const phone = usePhone() && !isScreen;
  const tablet = useMediaQuery(TABLET_QUERY) && !isScreen;
  const [meetingOpen, setMeetingOpen] = useState(false);
  const [view, setView] = useState<'board' | 'triage'>('board');
  const [sinceOpen, setSinceOpen] = useState(false);
  const [forMeOpen, setForMeOpen] = useState(false);
  const unreadForMe = useUnreadCount(connection, user);
  const [followPref, setFollowPref] = useState(true);
  const follow = isScreen || followPref;
  const running = live.meeting !== null;
  const currentCardId = live.meeting?.currentCardId ?? null;
  const backToMeeting = useCallback(() => {
    setFollowPref(true);
    if (currentCardId) {
      document
        .querySelector<HTMLElement>(`[data-testid="card-${CSS.escape(currentCardId)}"]`)
        ?.scrollIntoView({ block: 'center', inline: 'center', behavior: 'smooth' });
    }
  }, [currentCardId]);
  const status = useSyncStatus(connection);
  // After an epoch rebuild: say how many offline edits were sent again (once per connection).
  const { resubmitted, resubmittedAfter } = status;
  useEffect(() => {
    if (resubmitted === 0) return;
    const key = resubmittedAfter === 'refusal' ? 'status.refusalResubmitted' : 'status.epochResubmitted';
    show(t(key, { count: resubmitted }), 'info');
  }, [resubmitted, resubmittedAfter, show, t]);
  const today = useToday();
  const me: AwarenessUser = { userId: user.id, name: user.name, role: user.role, color: user.color };
  const presence = usePresence(connection, me);
  const undoRedo = useUndoRedo(connection, editable);
  const [openCardId, setOpenCardId] = useState<string | null>(initialCardId);
  const openCard = openCardId ? snapshot.cardsById.get(openCardId) : undefined;
  // Changes of mine that did not stay (docs/protocol.md "Concurrent edits"): on the card, and a toast.
  const myConflicts = useMyConflicts(connection, user.id);
  useConflictToasts(myConflicts, snapshot.cardsById, openCard?.id ?? null, header.privacy, show);

  // Tell colleagues which card we have open; a card deleted under us closes the panel.
  const visibleOpenId = openCard ? openCard.id : null;
  useEffect(() => connection.setEditingCard(visibleOpenId), [connection, visibleOpenId]);

  const onOpen = useCallback((id: string) => setOpenCardId(id), []);
  const closeCard = useCallback(() => {
    const id = openCardId;
    setOpenCardId(null);
    // Back to where the card was opened from: its place on the board, or its row on a phone
    // (after the render that lifts the phone's lists out of `inert`).
    if (!id) return;
    const selector = `[data-testid="card-${id}"], [data-testid="phone-card-${id}"]`;
    document.querySelector<HTMLElement>(selector)?.focus();
    requestAnimationFrame(() => {
      const el = document.querySelector<HTMLElement>(selector);
      if (el && document.activeElement !== el) el.focus();
    });
  }, [openCardId]);
  const onClose = useBackCloses(phone, openCardId, closeCard);

  const loaded = snapshot.phases.length > 0;
  // Once the board shows, fetch the panels people open first (they are separate chunks).
  useEffect(() => {
    if (loaded && !isScreen) prefetchBoardParts();
  }, [loaded, isScreen]);
  const screenHidden = useScreenHidden(socket)?.hidden ?? false;
  // "Skjul alt": the wall screen renders the cover only, no board underneath.
  if (isScreen && screenHidden) return <ScreenCover onShow={() => void socket?.setScreenHidden(false)} />;
  const lifecycleEnv = {
    connection,
    user,
    today,
    lang,
    editable,
    config,
    boardTemplateId: snapshot.boardTemplateId,
  } as const;
  const clockEnv = {
    events: meetings.triageEvents,
    responses: meetings.triageResponses,
    config: config.state === 'ready' ? config.config.triage : DEFAULT_TRIAGE_CONFIG,
    phases: snapshot.phases,
    lang,
  } as const;
  // The wall screen has its own layout: the whole board, and the focus view while a meeting runs.
  if (isScreen) {
    return (
      <LifecycleProvider {...lifecycleEnv}>
        <TriageClockProvider {...clockEnv}>
          <WallScreen
            board={snapshot}
            meetings={meetings}
            live={live}
            pointers={pointers}
            socket={socket}
            status={status}
            onError={show}
            prompts={config.state === 'ready' ? config.config.discussionPrompts : undefined}
            aside={<WallFreeArea connection={connection} />}
          />
          <Toasts toasts={toasts} onDismiss={dismiss} />
        </TriageClockProvider>
      </LifecycleProvider>
    );
  }
  return (
    <LifecycleProvider {...lifecycleEnv}>
      <TriageClockProvider {...clockEnv}>
        <div className={`app${header.privacy ? ' privacy-mode' : ''}`}>
          <SkipLink targetId="board" label={t('app.skipToBoard')} />
          <NotLiveBanner status={status} variant="staff" />
          <AppHeader
            {...header}
            inert={phone && openCard !== undefined}
            status={phone || tablet ? <ConnectionStatus status={status} /> : undefined}
          >
            <PresenceAvatars people={presence.people} />
            <span className="view-toggle" role="group" aria-label={t('view.label')}>
              <button
                type="button"
                aria-pressed={view === 'board'}
                onClick={() => setView('board')}
                data-testid="view-board"
              >
                <Columns3 aria-hidden="true" />
                {t('view.board')}
              </button>
              <button
                type="button"
                aria-pressed={view === 'triage'}
                onClick={() => setView('triage')}
                data-testid="view-triage"
              >
                <ListOrdered aria-hidden="true" />
                {t('view.triage')}
              </button>
            </span>
            <button
              type="button"
              aria-pressed={sinceOpen}
              title={t('since.hint')}
              onClick={() => setSinceOpen((o) => !o)}
              data-testid="since-last-open"
            >
              <History aria-hidden="true" />
              {t('since.open')}
            </button>
            <ForMeButton
              connection={connection}
              user={user}
              pressed={forMeOpen}
              onClick={() => setForMeOpen((o) => !o)}
            />
            <button
              type="button"
              className={`meeting-toggle${running ? ' running' : ''}`}
              aria-pressed={meetingOpen}
              title={t('meeting.openHint')}
              onClick={() => setMeetingOpen((o) => !o)}
              data-testid="meeting-open"
            >
              <Users aria-hidden="true" />
              {t('meeting.open')}
            </button>
            {!isScreen && <ArchiveSearch boardId={connection.boardId} privacy={header.privacy} />}
            {!isScreen && <BoardTemplateSelect value={snapshot.boardTemplateId} />}
            {!isScreen && <PrintBoardMenu boardId={connection.boardId} />}
            <HideScreenButton socket={socket} onScreen={isScreen} onError={show} />
            {editable && <UndoButtons {...undoRedo} />}
            {!phone && !tablet && <ConnectionStatus status={status} />}
          </AppHeader>
          {/* The team's visitator today, a slim strip under the header (issue #16). */}
          <VisitatorLine teamId={header.teamId} socket={socket} />
          <main className="board" aria-label={t('board.label', { name: snapshot.meta?.name ?? '' })} id="board">
            {loaded && phone ? (
              <PhoneBoard
                snapshot={snapshot}
                privacy={header.privacy}
                onOpen={onOpen}
                replaced={
                  view === 'triage' ? (
                    <TriageView board={snapshot} meetings={meetings} privacy={header.privacy} onOpen={onOpen} />
                  ) : undefined
                }
                onLeaveReplaced={() => setView('board')}
                inert={openCard !== undefined}
                toMe={{
                  unread: unreadForMe,
                  view: (
                    <ForMe
                      connection={connection}
                      user={user}
                      privacy={header.privacy}
                      editable={editable}
                      onOpenCard={onOpen}
                    />
                  ),
                }}
                messages={
                  <PhoneMessages
                    connection={connection}
                    user={user}
                    editable={editable}
                    privacy={header.privacy}
                    onError={show}
                  />
                }
              />
            ) : loaded && view === 'triage' ? (
              <TriageView board={snapshot} meetings={meetings} privacy={header.privacy} onOpen={onOpen} />
            ) : loaded ? (
              <>
                {tablet && <PhaseStrip snapshot={snapshot} />}
                <DischargeLane snapshot={snapshot} privacy={header.privacy} onOpen={onOpen} />
                <Board
                  connection={connection}
                  snapshot={snapshot}
                  privacy={header.privacy}
                  editable={editable}
                  today={today}
                  presence={presence}
                  onOpen={onOpen}
                />
                <FreeAreaDock
                  connection={connection}
                  user={user}
                  editable={editable}
                  privacy={header.privacy}
                  onError={show}
                />
              </>
            ) : (
              <p className="board-loading">{t('board.loadingDoc')}</p>
            )}
            {openCard && (
              <CardDetailPanel
                key={openCard.id}
                connection={connection}
                card={openCard}
                phases={snapshot.phases}
                privacy={header.privacy}
                editable={editable}
                others={presence.editing.get(openCard.id) ?? []}
                onClose={onClose}
                onViewed={socket ? reportView : undefined}
                fullScreen={phone}
                conflicts={myConflicts.filter((c) => c.cardId === openCard.id).map((c) => c.conflict)}
              />
            )}
            {sinceOpen && (
              <SinceLastPanel
                board={snapshot}
                meetings={meetings}
                privacy={header.privacy}
                onOpen={onOpen}
                onClose={() => setSinceOpen(false)}
              />
            )}
            {forMeOpen && (
              <ForMe
                connection={connection}
                user={user}
                privacy={header.privacy}
                editable={editable}
                onOpenCard={onOpen}
                onClose={() => setForMeOpen(false)}
              />
            )}
            {meetingOpen && (
              <MeetingPanel
                connection={connection}
                socket={socket}
                user={user}
                board={snapshot}
                meetings={meetings}
                live={live}
                privacy={header.privacy}
                follow={follow}
                followForced={isScreen}
                onFollowChange={setFollowPref}
                onBackToMeeting={backToMeeting}
                onError={show}
                onClose={() => setMeetingOpen(false)}
                onOpenCard={onOpen}
                people={presence.people}
              />
            )}
            <MeetingHighlights
              currentCardId={currentCardId}
              follow={follow}
              pointers={pointers}
              boardVersion={snapshot}
            />
          </main>
          <Toasts toasts={toasts} onDismiss={dismiss} />
        </div>
      </TriageClockProvider>
    </LifecycleProvider>
  );
}
