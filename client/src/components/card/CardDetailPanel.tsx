import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  followUpsNeedingAction,
  followUpsForCard,
  formatDateWithWeek,
  pendingRequests,
  type Card,
  type CardPatch,
  type Phase,
} from '../../../../shared/index.js';
import type { PresentPerson } from '../../hooks/usePresence';
import type { BoardConnection } from '../../sync/boardConnection';
import { CloseSection } from '../lifecycle/CloseSection';
import { ContactsSection } from '../lifecycle/ContactsSection';
import { FollowUpsSection } from '../lifecycle/FollowUpsSection';
import { ForlobSection } from '../lifecycle/ForlobSection';
import { GoalsSection } from '../lifecycle/GoalsSection';
import { OpstartSection } from '../lifecycle/OpstartSection';
import { RequestsSection } from '../lifecycle/RequestsSection';
import { SwapsSection } from '../swaps/SwapsSection';
import { useLifecycleEnv } from '../lifecycle/env';
import { ResponseClockSection } from '../triage/ResponseClockSection';
import { CardMeetingActions } from '../meeting/CardMeetingActions';
import { DetailTextField } from './DetailTextField';
import { TriagePicker } from './TriagePicker';
import { displayName, phaseTitle } from './display';

interface Props {
  connection: BoardConnection;
  card: Card;
  phases: readonly Phase[];
  privacy: boolean;
  editable: boolean;
  /** Other people with this card open right now. */
  others: readonly PresentPerson[];
  onClose: () => void;
  /** Reports the opening to the server's audit log (once per card shown). */
  onViewed?: (cardId: string) => void;
}

const TABS = ['basics', 'forlob', 'followUps', 'opstart', 'goals', 'contacts', 'requests', 'swaps', 'close'] as const;
type Tab = (typeof TABS)[number];
/** Personal details stay hidden in privacy mode (initials only); swaps carry names and notes. */
const PRIVATE_TABS: ReadonlySet<Tab> = new Set<Tab>(['goals', 'contacts', 'swaps']);

/** Side panel to read and edit one card. Every write goes through BoardDoc with this user's origin. */
export function CardDetailPanel(props: Props) {
  const { connection, card, phases, privacy, editable, others, onClose, onViewed } = props;
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const closeRef = useRef<HTMLButtonElement>(null);
  const readOnly = !editable;
  const env = useLifecycleEnv();
  const [chosenTab, setTab] = useState<Tab>('basics');
  const [triageError, setTriageError] = useState<string | null>(null);
  const tabs = TABS.filter((x) => !(privacy && PRIVATE_TABS.has(x)) && (x !== 'swaps' || env.swaps.enabled));
  // Derived, so switching privacy mode on while a private tab is open never leaves it shown.
  const tab: Tab = tabs.includes(chosenTab) ? chosenTab : 'basics';
  const due = followUpsNeedingAction(followUpsForCard(card, env.today, env.ctx)).length;
  const waiting = pendingRequests(card).length;
  const badge: Partial<Record<Tab, number>> = { followUps: due, requests: waiting };
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.indexOf(tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const to = tabs[(next + tabs.length) % tabs.length]!;
    setTab(to);
    document.getElementById(`detail-tab-${to}`)?.focus();
  };

  useEffect(() => {
    closeRef.current?.focus();
  }, [card.id]);

  // Audit: opening the panel is what gets logged (the doc itself is already on this device).
  useEffect(() => {
    onViewed?.(card.id);
  }, [card.id, onViewed]);

  const update = (patch: CardPatch) => connection.write((board, origin) => board.updateCard(card.id, patch, origin));
  const commit = <F extends keyof CardPatch>(field: F, value: CardPatch[F]) => update({ [field]: value });
  const move = (phaseId: string) => {
    const end = connection.store.getSnapshot().columns.get(phaseId)?.length ?? 0;
    connection.write((board, origin) => board.moveCard(card.id, phaseId, end, origin));
  };

  return (
    <aside
      className="detail-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="detail-title"
      data-testid="detail-panel"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <header className="detail-header">
        <h2 id="detail-title">{displayName(card, privacy)}</h2>
        <button ref={closeRef} type="button" className="icon-button" onClick={onClose} aria-label={t('detail.close')}>
          ✕
        </button>
      </header>
      {others.length > 0 && (
        <p className="detail-others">{t('detail.alsoOpen', { names: others.map((p) => p.name).join(', ') })}</p>
      )}
      {readOnly && <p className="detail-readonly">{t('detail.readOnly')}</p>}
      <div className="detail-tabs" role="tablist" aria-label={t('lifecycle.tabs.label')} onKeyDown={onTabKey}>
        {tabs.map((x) => (
          <button
            key={x}
            id={`detail-tab-${x}`}
            type="button"
            role="tab"
            aria-selected={tab === x}
            aria-controls="detail-tabpanel"
            tabIndex={tab === x ? 0 : -1}
            className="detail-tab"
            onClick={() => setTab(x)}
          >
            {t(`lifecycle.tabs.${x}`)}
            {(badge[x] ?? 0) > 0 && <span className="tab-badge">{badge[x]}</span>}
          </button>
        ))}
      </div>
      <div id="detail-tabpanel" role="tabpanel" aria-labelledby={`detail-tab-${tab}`} className="detail-tabpanel">
        {tab === 'forlob' && <ForlobSection card={card} />}
        {tab === 'followUps' && <FollowUpsSection card={card} />}
        {tab === 'opstart' && <OpstartSection card={card} />}
        {tab === 'goals' && <GoalsSection card={card} />}
        {tab === 'contacts' && <ContactsSection card={card} />}
        {tab === 'requests' && <RequestsSection card={card} />}
        {tab === 'swaps' && <SwapsSection card={card} />}
        {tab === 'close' && <CloseSection card={card} />}
        {tab === 'basics' && (
          <form className="detail-form" onSubmit={(e) => e.preventDefault()}>
            {!privacy && (
              <DetailTextField
                field="name"
                label={t('detail.name')}
                value={card.name}
                readOnly={readOnly}
                onCommit={commit}
              />
            )}
            <DetailTextField
              field="initials"
              label={t('detail.initials')}
              value={card.initials}
              readOnly={readOnly}
              onCommit={commit}
            />
            <TriagePicker
              value={card.triage}
              readOnly={readOnly}
              onChange={(triage, reason) => {
                // Through MeetingDoc so the change is recorded with who, when and why (triage history).
                try {
                  connection.writeMeeting((meetings, origin) =>
                    meetings.setTriage(
                      card.id,
                      triage,
                      { by: env.user.id, byName: env.user.name, ...(reason ? { reason } : {}) },
                      origin,
                    ),
                  );
                  setTriageError(null);
                } catch {
                  setTriageError(t('detail.triageReasonInvalid'));
                }
              }}
            />
            {triageError && (
              <p className="field-error" role="alert">
                {triageError}
              </p>
            )}
            <ResponseClockSection card={card} readOnly={readOnly} />
            <div className="field">
              <label htmlFor="detail-phase">{t('detail.column')}</label>
              <select
                id="detail-phase"
                value={card.position.phaseId}
                disabled={readOnly}
                onChange={(e) => move(e.target.value)}
              >
                {phases.map((p) => (
                  <option key={p.id} value={p.id}>
                    {phaseTitle(p, lang)}
                  </option>
                ))}
              </select>
              <p className="field-hint">
                {t('detail.daysInPhase', { date: formatDateWithWeek(card.phaseEnteredAt, lang) })}
              </p>
            </div>
            <DetailTextField
              field="forlobType"
              label={t('detail.forlobType')}
              value={card.forlobType}
              readOnly={readOnly}
              onCommit={commit}
            />
            {!privacy && (
              <DetailTextField
                field="contactPerson"
                label={t('detail.contactPerson')}
                value={card.contactPerson}
                readOnly={readOnly}
                onCommit={commit}
              />
            )}
            <DetailTextField
              field="nextDueDate"
              type="date"
              label={t('detail.nextDueDate')}
              value={card.nextDueDate ?? ''}
              readOnly={readOnly}
              hint={card.nextDueDate ? formatDateWithWeek(card.nextDueDate, lang) : undefined}
              onCommit={commit}
            />
            {!privacy && (
              <DetailTextField
                field="note"
                multiline
                label={t('detail.note')}
                value={card.note}
                readOnly={readOnly}
                hint={t('detail.noteHint')}
                onCommit={commit}
              />
            )}
          </form>
        )}
        {tab === 'basics' && <CardMeetingActions card={card} privacy={privacy} />}
      </div>
    </aside>
  );
}
