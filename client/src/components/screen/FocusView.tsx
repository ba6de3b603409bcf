import { useTranslation } from 'react-i18next';
import {
  DEFAULT_DISCUSSION_PROMPTS,
  FOLLOW_UP_STATUS_LABELS,
  followUpsForCard,
  followUpsNeedingAction,
  formatElapsed,
  formatShortDate,
  pendingRequests,
  reasonText,
  triageSince,
  type AgendaEntry,
  type Card,
  type DiscussionPrompts,
  type MeetingState,
  type StoredTriageEvent,
} from '../../../../shared/index.js';
import { useNow } from '../../hooks/useMeeting';
import type { BoardSnapshot } from '../../sync/boardStore';
import { useLifecycleEnv } from '../lifecycle/env';
import { MeetingClockView } from '../meeting/MeetingClockView';
import { itemName } from '../meeting/display';
import { useResponseClock } from '../triage/triageClock';
import { TriageShape } from '../card/TriageShape';

interface Props {
  state: MeetingState;
  offset: number;
  agenda: readonly AgendaEntry[];
  board: BoardSnapshot;
  triageEvents: readonly StoredTriageEvent[];
  /** The municipality's prompts; the defaults until it sets its own. */
  prompts?: DiscussionPrompts;
}

/**
 * While a meeting runs, the wall shows the citizen being discussed large, above the board
 * (never over it): who, the colour in words, why they are on the agenda, what is due, the
 * response clock, open requests, prompts for the talk (R11, R12), the item clock and who is
 * next. The current item is the live meeting state's (shared/rules/meetingControl.ts).
 */
export function FocusView({ state, offset, agenda, board, triageEvents, prompts = DEFAULT_DISCUSSION_PROMPTS }: Props) {
  const { t } = useTranslation();
  const { lang, today } = useLifecycleEnv();
  const at = agenda.findIndex((i) => i.id === state.currentItemId);
  const item = at >= 0 ? agenda[at]! : null;
  const next = agenda.slice(at + 1).find((i) => i.status === 'pending') ?? null;
  const card = item?.cardId ? board.cardsById.get(item.cardId) : undefined;
  const name = item ? itemName(item, board.cardsById, true) : null;
  return (
    <section
      className="wall-focus"
      aria-label={name ? t('screen.wall.focusLabel', { name }) : t('screen.wall.meetingOn')}
      data-testid="wall-focus"
      data-item-id={item?.id}
    >
      <div className="focus-who">
        <p className="focus-kicker">{item ? t('screen.wall.focus') : t('screen.wall.meetingOn')}</p>
        {name && (
          <p className="focus-name" data-testid="wall-focus-name">
            {name}
          </p>
        )}
        {card && <ColourLine card={card} events={triageEvents} />}
        {item && !card && <p className="focus-line">{t('screen.wall.general')}</p>}
        <MeetingClockView state={state} offset={offset} />
        <p className="focus-next" data-testid="wall-focus-next">
          {next ? t('screen.wall.next', { name: itemName(next, board.cardsById, true) }) : t('screen.wall.last')}
        </p>
      </div>
      {item && (
        <div className="focus-why">
          <h3>{t('screen.wall.reasons')}</h3>
          {item.reasons.length === 0 ? (
            <p className="focus-line">{t('screen.wall.noReasons')}</p>
          ) : (
            <ul className="focus-reasons" data-testid="wall-focus-reasons">
              {item.reasons.map((r, k) => (
                // the wall's copy has no free text: drop the ": " a blanked text leaves behind
                <li key={k}>{upperFirst(reasonText(r, today, lang).replace(/:\s*$/, ''))}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {card && <CitizenFacts card={card} item={item!} />}
      {item && (
        <div className="focus-prompts" data-testid="wall-focus-prompts">
          <h3>{t('screen.wall.lookAt')}</h3>
          <ul className="focus-chips">
            {prompts.observationAreas.map((p) => (
              <li key={p.id}>{p[lang]}</li>
            ))}
          </ul>
          <h3>{t('screen.wall.tried')}</h3>
          <ul className="focus-chips">
            {prompts.triedAlready.map((p) => (
              <li key={p.id}>{p[lang]}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Rød i 3 dage": the colour in words and for how long (days once over 48 hours). */
function ColourLine({ card, events }: { card: Card; events: readonly StoredTriageEvent[] }) {
  const { t } = useTranslation();
  const { lang } = useLifecycleEnv();
  const now = useNow(true, 60_000);
  const since = Date.parse(triageSince(card, events));
  const colour = t(`triage.${card.triage}`);
  return (
    <p className={`focus-colour colour-${card.triage}`} data-testid="wall-focus-colour">
      <TriageShape triage={card.triage} />
      {Number.isNaN(since) ? colour : t('screen.wall.colourFor', { colour, time: formatElapsed(now - since, lang) })}
    </p>
  );
}

/** What is due about the citizen: follow-ups, the response clock, open requests. */
function CitizenFacts({ card, item }: { card: Card; item: AgendaEntry }) {
  const { t } = useTranslation();
  const { today, ctx, lang } = useLifecycleEnv();
  const clock = useResponseClock(card);
  const due = followUpsNeedingAction(followUpsForCard(card, today, ctx));
  // The wall's copy of a card has no requests (free text); the agenda item still says which wait.
  const requests = Math.max(
    pendingRequests(card).length,
    item.reasons.filter((r) => r.code === 'request-pending').length,
  );
  return (
    <div className="focus-facts" data-testid="wall-focus-facts">
      <h3>{t('screen.wall.followUps')}</h3>
      {due.length === 0 ? (
        <p className="focus-line">{t('screen.wall.noFollowUps')}</p>
      ) : (
        <ul className="focus-reasons">
          {due.map((f) => (
            <li key={f.id} className={`fu-${f.status}`}>
              {`${lang === 'en' ? f.labelEn : f.label} ${FOLLOW_UP_STATUS_LABELS[f.status][lang]} (${formatShortDate(f.dueDate, lang)})`}
            </li>
          ))}
        </ul>
      )}
      {clock && clock.status !== 'none' && (
        <>
          <h3>{t('screen.wall.clock')}</h3>
          <p className={`focus-line clock-${clock.status}`} data-testid="wall-focus-clock">
            {upperFirst(clock.label)}
          </p>
        </>
      )}
      <p className="focus-line" data-testid="wall-focus-requests">
        {requests > 0 ? t('screen.wall.requests', { count: requests }) : t('screen.wall.noRequests')}
      </p>
    </div>
  );
}
