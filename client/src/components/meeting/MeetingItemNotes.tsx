import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionPartySchema, type ActionItem, type ActionParty, type AgendaEntry } from '../../../../shared/index.js';
import type { BoardConnection } from '../../sync/boardConnection';
import { CommitInput } from '../lifecycle/CommitInput';

interface Props {
  connection: BoardConnection;
  meetingId: string;
  item: AgendaEntry;
  actions: readonly ActionItem[];
  userId: string;
  editable: boolean;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The current item's note and "who does what" (aftaler), written to the meeting for the minutes. */
export function MeetingItemNotes({ connection, meetingId, item, actions, userId, editable }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [who, setWho] = useState('');
  const [party, setParty] = useState<ActionParty | ''>('');
  const [error, setError] = useState<string | null>(null);
  const mine = actions.filter((a) => a.itemId === item.id);

  const add = (e: FormEvent) => {
    e.preventDefault();
    try {
      connection.writeMeeting((md, origin) =>
        md.addActionItem(
          meetingId,
          { itemId: item.id, text: text.trim(), who: who.trim(), by: userId, ...(party ? { party } : {}) },
          origin,
        ),
      );
      setText('');
      setWho('');
      setParty('');
      setError(null);
    } catch (err) {
      setError(t('meeting.failed', { message: message(err) }));
    }
  };

  return (
    <div className="meeting-item-notes" data-testid="meeting-item-notes">
      <CommitInput
        label={t('meeting.note')}
        value={item.note}
        readOnly={!editable}
        testId="meeting-note"
        onCommit={(v) => {
          try {
            connection.writeMeeting((md, origin) => md.setItemNote(meetingId, item.id, v, origin));
            return null;
          } catch (err) {
            return message(err);
          }
        }}
      />
      {mine.length > 0 && (
        <ul className="meeting-action-list">
          {mine.map((a) => (
            <li key={a.id}>
              {[a.party ? t(a.party === 'borger' ? 'meeting.partyBorger' : 'meeting.partyKommune') : '', a.text, a.who]
                .filter(Boolean)
                .join(' – ')}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form className="meeting-action-form" onSubmit={add}>
          <label>
            {t('meeting.actionText')}
            <input value={text} onChange={(e) => setText(e.target.value)} data-testid="action-text" />
          </label>
          <label>
            {t('meeting.actionWho')}
            <input value={who} onChange={(e) => setWho(e.target.value)} data-testid="action-who" />
          </label>
          <label>
            {t('meeting.actionParty')}
            <select
              value={party}
              onChange={(e) => {
                const p = ActionPartySchema.safeParse(e.target.value);
                setParty(p.success ? p.data : '');
              }}
              data-testid="action-party"
            >
              <option value="">{t('meeting.partyNone')}</option>
              <option value="borger">{t('meeting.partyBorger')}</option>
              <option value="kommune">{t('meeting.partyKommune')}</option>
            </select>
          </label>
          <button type="submit" disabled={text.trim() === ''} data-testid="action-add">
            {t('meeting.actionAdd')}
          </button>
          {error && <p role="alert">{error}</p>}
        </form>
      )}
    </div>
  );
}
