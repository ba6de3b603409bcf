import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { LivePointer } from '../../sync/boardSocket';
import { useNow } from '../../hooks/useMeeting';

interface Props {
  /** The card being discussed (highlighted on the board). */
  currentCardId: string | null;
  /** Scroll the current card into view when it changes. */
  follow: boolean;
  pointers: readonly LivePointer[];
  /** Changes whenever the board re-renders (cards may remount). */
  boardVersion: unknown;
}

const cardEl = (id: string) => document.querySelector<HTMLElement>(`[data-testid="card-${CSS.escape(id)}"]`);

/** Marks the current card on the board, follows it, and draws the pointers' rings ("Peg"). */
export function MeetingHighlights({ currentCardId, follow, pointers, boardVersion }: Props) {
  useEffect(() => {
    if (!currentCardId) return;
    const el = cardEl(currentCardId);
    el?.setAttribute('data-meeting-current', 'true');
    return () => el?.removeAttribute('data-meeting-current');
  }, [currentCardId, boardVersion]);

  useEffect(() => {
    if (!currentCardId || !follow) return;
    cardEl(currentCardId)?.scrollIntoView({ block: 'center', inline: 'center', behavior: 'smooth' });
  }, [currentCardId, follow]);

  const active = pointers.length > 0;
  const now = useNow(active, 100);
  if (!active) return null;
  return createPortal(
    <div className="laser-layer" aria-live="polite">
      {pointers
        .filter((p) => p.until > now + p.offset)
        .map((p) => (
          <Laser key={p.by.userId} pointer={p} />
        ))}
    </div>,
    document.body,
  );
}

function Laser({ pointer }: { pointer: LivePointer }) {
  const { t } = useTranslation();
  // re-read on every tick (the parent re-renders every 100 ms while pointers show)
  const rect = cardEl(pointer.cardId)?.getBoundingClientRect() ?? null;
  if (!rect) return null;
  return (
    <div
      className="laser"
      data-testid={`laser-${pointer.cardId}`}
      style={{
        left: rect.left - 6,
        top: rect.top - 6,
        width: rect.width + 12,
        height: rect.height + 12,
        borderColor: pointer.by.color,
      }}
    >
      <span className="laser-label" style={{ background: pointer.by.color }}>
        {t('meeting.pointedBy', { name: pointer.by.name })}
      </span>
    </div>
  );
}
