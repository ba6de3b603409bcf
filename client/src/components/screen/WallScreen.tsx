import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscussionPrompts } from '../../../../shared/index.js';
import { formatInstant } from '../../../../shared/rules/dates.js';
import type { LiveMeeting, LivePointer, BoardSocket } from '../../sync/boardSocket';
import type { BoardSnapshot } from '../../sync/boardStore';
import type { SyncStatus } from '../../sync/boardConnection';
import type { MeetingSnapshot } from '../../sync/meetingStore';
import { useNow } from '../../hooks/useMeeting';
import { MeetingHighlights } from '../meeting/MeetingHighlights';
import { ConnectionStatus } from '../status/ConnectionStatus';
import { FocusView } from './FocusView';
import { HideScreenButton } from './HideScreenButton';
import { NotLiveBanner } from './NotLiveBanner';
import { WallBoard } from './WallBoard';
import { LogoMark } from '../ui/LogoMark';

interface Props {
  board: BoardSnapshot;
  meetings: MeetingSnapshot;
  live: LiveMeeting;
  pointers: readonly LivePointer[];
  socket: BoardSocket | null;
  status: SyncStatus;
  onError: (message: string) => void;
  /** The municipality's discussion prompts (board config); the defaults until it has loaded. */
  prompts?: DiscussionPrompts;
  /** "Dagens beskeder" beside the board (issue #16); renders nothing when nothing is marked for the wall. */
  aside?: ReactNode;
}

const clock = (ms: number) => formatInstant(ms, 'time');

/**
 * The paired wall screen (role skaerm): the whole board, legible across the room, and while
 * a meeting runs the focus view above it. Nothing is clickable but "Skjul alt"; it follows
 * the meeting leader by itself. It only ever receives the privacy projection of the board.
 */
export function WallScreen({ board, meetings, live, pointers, socket, status, onError, prompts, aside }: Props) {
  const { t } = useTranslation();
  const now = useNow(true, 20_000);
  const state = live.meeting;
  // The agenda the live meeting runs through (the wall's copy of the board doc has it).
  const agenda = state && meetings.open?.id === state.meetingId ? meetings.agenda : [];
  const loaded = board.phases.length > 0;
  return (
    <div className="app screen-mode wall" data-testid="wall">
      <NotLiveBanner status={status} />
      <header className="wall-header">
        <span className="wall-title">
          <LogoMark size={22} />
          {board.meta?.name ?? ''}
        </span>
        {state && <span className="wall-meeting-on">{t('screen.wall.meetingOn')}</span>}
        <span className="wall-time">{clock(now)}</span>
        <HideScreenButton socket={socket} onScreen onError={onError} />
        <ConnectionStatus status={status} />
      </header>
      <main className="wall-main" aria-label={t('screen.wall.label')} id="board">
        {state && (
          <FocusView
            state={state}
            offset={live.offset}
            agenda={agenda}
            board={board}
            triageEvents={meetings.triageEvents}
            prompts={prompts}
          />
        )}
        {loaded ? (
          <WallBoard
            board={board}
            compact={state !== null}
            currentCardId={state?.currentCardId ?? null}
            pinned={pointers.map((p) => p.cardId)}
          />
        ) : (
          <p className="board-loading">{t('board.loadingDoc')}</p>
        )}
        {aside}
      </main>
      {/* The pointers' rings, drawn above everything; the current card is marked by WallCard. */}
      <MeetingHighlights currentCardId={null} follow={false} pointers={pointers} boardVersion={board} />
    </div>
  );
}
