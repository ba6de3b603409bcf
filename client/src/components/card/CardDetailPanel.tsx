import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  followUpsNeedingAction,
  followUpsForCard,
  formatDateWithWeek,
  pendingRequests,
  type Card,
  type CardPatch,
  type FieldConflict,
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
import { CareSignalsSection } from '../careSignals/CareSignalsSection';
import { DischargeControl } from '../careSignals/DischargeControl';
import { useLifecycleEnv } from '../lifecycle/env';
import { ResponseClockSection } from '../triage/ResponseClockSection';
import { CardMeetingActions } from '../meeting/CardMeetingActions';
import { CardActionBar } from '../phone/CardActionBar';
import { SidePanel } from '../ui/SidePanel';
import { Tab, TabList, Tabs } from '../ui/Tabs';
import { CardLogSection } from '../cardlog/CardLogSection';
import { ConflictNotice } from './ConflictNotice';
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
  /** On a phone: the card covers the screen, with a back button and an action bar at the bottom. */
  fullScreen?: boolean;
  /** This person's unanswered conflicts on the card ("Din ændring blev overskrevet"). */
  conflicts?: readonly FieldConflict[];
}

const TABS = [
  'basics',
  'log',
  'forlob',
  'followUps',
  'opstart',
  'goals',
  'contacts',
  'requests',
  'swaps',
  'careSignals',
  'close',
] as const;
type Tab = (typeof TABS)[number];
/** Personal details and written text stay hidden in privacy mode (initials only); swaps carry names and notes. */
const PRIVATE_TABS: ReadonlySet<Tab> = new Set<Tab>(['goals', 'contacts', 'log', 'swaps', 'careSignals']);

/** Side panel to read and edit one card. Every write goes through BoardDoc with this user's origin. */
export function CardDetailPanel(props: Props) {
  const {
    connection,
    card,
    phases,
    privacy,
    editable,
    others,
    onClose,
    onViewed,
    fullScreen = false,
    conflicts = [],
  } = props;
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
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
  // The action bar's shortcuts: show the section, then put the finger (focus) on the field.
  const goTo = (to: Tab, selector: string) => {
    setTab(to);
    requestAnimationFrame(() => {
      const el = document.querySelector<HTMLElement>(`#detail-tabpanel ${selector}`);
      el?.scrollIntoView({ block: 'center' });
      el?.focus();
    });
  };

  return (
    <SidePanel
      title={displayName(card, privacy)}
      onClose={onClose}
      closeLabel={t('detail.close')}
      testId="detail-panel"
      {...(fullScreen ? { fullScreen: { backLabel: t('phone.card.back') } } : {})}
    >
      {others.length > 0 && (
        <p className="detail-others">{t('detail.alsoOpen', { names: others.map((p) => p.name).join(', ') })}</p>
      )}
      {readOnly && <p className="detail-readonly">{t('detail.readOnly')}</p>}
      {!readOnly && <ConflictNotice connection={connection} card={card} conflicts={conflicts} />}
      {/* Radix tabs (keys, focus, selection); the one panel below shows the chosen tab. */}
      <Tabs value={tab} onValueChange={(v) => setTab(v as Tab)}>
        <TabList className="detail-tabs" aria-label={t('lifecycle.tabs.label')}>
          {tabs.map((x) => (
            <Tab key={x} value={x} id={`detail-tab-${x}`} aria-controls="detail-tabpanel" className="detail-tab">
              {t(`lifecycle.tabs.${x}`)}
              {(badge[x] ?? 0) > 0 && <span className="tab-badge">{badge[x]}</span>}
            </Tab>
          ))}
        </TabList>
      </Tabs>
      <div id="detail-tabpanel" role="tabpanel" aria-labelledby={`detail-tab-${tab}`} className="detail-tabpanel">
        {tab === 'forlob' && <ForlobSection card={card} />}
        {tab === 'followUps' && <FollowUpsSection card={card} />}
        {tab === 'opstart' && <OpstartSection card={card} />}
        {tab === 'goals' && <GoalsSection card={card} />}
        {tab === 'contacts' && <ContactsSection card={card} />}
        {tab === 'requests' && <RequestsSection card={card} />}
        {tab === 'swaps' && <SwapsSection card={card} />}
        {tab === 'careSignals' && <CareSignalsSection card={card} />}
        {tab === 'close' && <CloseSection card={card} />}
        {tab === 'log' && <CardLogSection card={card} />}
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
            <DischargeControl card={card} />
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
            {/* The Note moved into the log (issue #12): old text stays readable, new goes in the log. */}
            {!privacy && card.note !== '' && (
              <DetailTextField
                field="note"
                multiline
                label={t('detail.note')}
                value={card.note}
                readOnly
                hint={t('cardLog.noteMoved')}
                onCommit={commit}
              />
            )}
          </form>
        )}
        {tab === 'basics' && <CardMeetingActions card={card} privacy={privacy} />}
      </div>
      {fullScreen && (
        <CardActionBar
          name={displayName(card, privacy)}
          phases={phases}
          currentPhaseId={card.position.phaseId}
          readOnly={readOnly}
          onTriage={() => goTo('basics', '.triage-picker [role="radio"][aria-checked="true"]')}
          onNote={privacy || readOnly ? null : () => goTo('log', 'textarea')}
          onContacts={privacy ? null : () => goTo('contacts', 'a[href^="tel:"], input')}
          onMove={move}
        />
      )}
    </SidePanel>
  );
}
