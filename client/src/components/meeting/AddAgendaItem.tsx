import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { compareByName, type Card } from '../../../../shared/index.js';
import type { BoardConnection } from '../../sync/boardConnection';

interface Props {
  connection: BoardConnection;
  meetingId: string;
  cards: readonly Card[];
  privacy: boolean;
  onError: (message: string) => void;
}

/** Adds an item by hand: a free topic, or a citizen (who then merges with the rules' item). */
export function AddAgendaItem({ connection, meetingId, cards, privacy, onError }: Props) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [cardId, setCardId] = useState('');
  const sorted = [...cards].sort(compareByName);
  const card = cards.find((c) => c.id === cardId);

  const add = (e: FormEvent) => {
    e.preventDefault();
    const text = card ? card.name : title.trim();
    if (!text) return;
    try {
      connection.writeMeeting((md, origin) =>
        md.addManualItem(meetingId, { title: text, cardId: card ? card.id : null }, origin),
      );
      setTitle('');
      setCardId('');
    } catch (err) {
      onError(t('meeting.failed', { message: err instanceof Error ? err.message : String(err) }));
    }
  };

  return (
    <form className="meeting-inline-form" onSubmit={add} data-testid="agenda-add-form">
      <label>
        {t('meeting.addCitizen')}
        <select value={cardId} onChange={(e) => setCardId(e.target.value)} data-testid="agenda-add-card">
          <option value="">{t('meeting.addFreeTopic')}</option>
          {sorted.map((c) => (
            <option key={c.id} value={c.id}>
              {privacy ? c.initials : c.name}
            </option>
          ))}
        </select>
      </label>
      {!card && (
        <label>
          {t('meeting.addTopic')}
          <input
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="agenda-add-title"
          />
        </label>
      )}
      <button type="submit" disabled={!card && title.trim() === ''} data-testid="agenda-add">
        {t('meeting.addItem')}
      </button>
    </form>
  );
}
