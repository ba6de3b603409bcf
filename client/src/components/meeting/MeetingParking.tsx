import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaEntry, Card, ParkedEntry } from '../../../../shared/index.js';
import type { BoardConnection } from '../../sync/boardConnection';
import { itemName } from './display';

interface Props {
  connection: BoardConnection;
  meetingId: string;
  parked: readonly ParkedEntry[];
  agenda: readonly AgendaEntry[];
  cardsById: ReadonlyMap<string, Card>;
  user: { id: string; name: string };
  privacy: boolean;
  editable: boolean;
  onError: (message: string) => void;
}

/**
 * Parkeringsplads: topics that take over the meeting are parked and taken up later. Bringing
 * an agenda item back makes it pending again; a free topic becomes a new agenda item.
 */
export function MeetingParking({
  connection,
  meetingId,
  parked,
  agenda,
  cardsById,
  user,
  privacy,
  editable,
  onError,
}: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const byId = new Map(agenda.map((i) => [i.id, i]));

  const write = (fn: Parameters<BoardConnection['writeMeeting']>[0]) => {
    try {
      connection.writeMeeting(fn);
      return true;
    } catch (e) {
      onError(t('meeting.failed', { message: e instanceof Error ? e.message : String(e) }));
      return false;
    }
  };

  const park = (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    if (write((md, origin) => md.park(meetingId, { text: value, by: user.id, byName: user.name }, origin))) setText('');
  };

  const bringBack = (p: ParkedEntry) =>
    write((md, origin) => {
      const item = p.itemId === null ? undefined : byId.get(p.itemId);
      if (item) md.setItemStatus(meetingId, item.id, 'pending', origin);
      else md.addManualItem(meetingId, { title: p.text }, origin);
      md.unpark(meetingId, p.id, origin);
    });

  const label = (p: ParkedEntry) => {
    const item = p.itemId === null ? undefined : byId.get(p.itemId);
    if (item) return itemName(item, cardsById, privacy);
    // a free topic is written text, hidden like notes on the wall screen
    return privacy ? t('meeting.parkedTopic') : p.text;
  };

  return (
    <section className="meeting-parking" aria-labelledby="meeting-parking-h" data-testid="meeting-parking">
      <h3 id="meeting-parking-h">{t('meeting.parking')}</h3>
      {parked.length === 0 ? (
        <p className="meeting-note">{t('meeting.parkingEmpty')}</p>
      ) : (
        <ul className="meeting-parking-list">
          {parked.map((p) => (
            <li key={p.id} data-testid={`parked-${p.id}`}>
              <span>{label(p)}</span> <span className="field-hint">{t('meeting.parkedBy', { name: p.byName })}</span>
              {editable && (
                <button type="button" onClick={() => bringBack(p)} data-testid="parked-back">
                  {t('meeting.bringBack')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form className="meeting-inline-form" onSubmit={park}>
          <label>
            {t('meeting.parkTopic')}
            <input value={text} maxLength={300} onChange={(e) => setText(e.target.value)} data-testid="park-text" />
          </label>
          <button type="submit" disabled={text.trim() === ''} data-testid="park-add">
            {t('meeting.park')}
          </button>
        </form>
      )}
    </section>
  );
}
