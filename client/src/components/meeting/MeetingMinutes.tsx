import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGENDA_ITEM_STATUS_LABELS,
  DECISION_CODE_LABELS,
  reasonText,
  type ActionItem,
  type AgendaEntry,
  type Meeting,
} from '../../../../shared/index.js';
import type { BoardSnapshot } from '../../sync/boardStore';
import { useLifecycleEnv } from '../lifecycle/env';
import { itemName } from './display';

interface Props {
  meeting: Meeting;
  agenda: readonly AgendaEntry[];
  actions: readonly ActionItem[];
  board: BoardSnapshot;
  privacy: boolean;
}

interface MinutesEntry {
  id: string;
  name: string;
  reasons: string[];
  status: string;
  note: string;
  actions: string[];
  decisions: string[];
}

/** Printable minutes ("Referat") per citizen discussed, with "Kopiér som Markdown". */
export function MeetingMinutes({ meeting, agenda, actions, board, privacy }: Props) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const [copied, setCopied] = useState(false);
  const from = meeting.startedAt ?? meeting.createdAt;
  const to = meeting.endedAt ?? new Date().toISOString();
  const inWindow = (at: string) => at >= from && at <= to;
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(env.lang === 'en' ? 'en-GB' : 'da-DK', { hour: '2-digit', minute: '2-digit' });
  const date = (meeting.startedAt ?? meeting.createdAt).slice(0, 10);

  const entries: MinutesEntry[] = agenda
    .filter((i) => i.status === 'discussed')
    .map((item) => {
      const card = item.cardId === null ? undefined : board.cardsById.get(item.cardId);
      return {
        id: item.id,
        name: itemName(item, board.cardsById, privacy),
        reasons: item.reasons.map((r) => reasonText(r, date, env.lang)),
        status: AGENDA_ITEM_STATUS_LABELS[item.status][env.lang],
        // notes, aftaler and decisions are personal details: not in privacy mode (wall screen)
        note: privacy ? '' : item.note,
        actions: (privacy ? [] : actions)
          .filter((a) => a.itemId === item.id)
          .map((a) => [a.text, a.who, a.due].filter(Boolean).join(' – ')),
        decisions: (privacy ? [] : (card?.lifecycle.decisions ?? []))
          .filter((d) => inWindow(d.at))
          .map((d) => `${d.code} ${DECISION_CODE_LABELS[d.code][env.lang]}${d.reason ? `: ${d.reason}` : ''}`),
      };
    });
  const title = t('meeting.minutesTitle', { type: t(`meeting.types.${meeting.type}`), date });

  const markdown = () => {
    const lines = [`# ${title}`, '', t('meeting.minutesWindow', { from: time(from), to: time(to) }), ''];
    if (entries.length === 0) lines.push(t('meeting.noneDiscussed'));
    for (const e of entries) {
      lines.push(`## ${e.name}`, '', `- ${t('meeting.status')}: ${e.status}`);
      if (e.reasons.length) lines.push(`- ${t('meeting.reasons')}: ${e.reasons.join('; ')}`);
      if (e.note) lines.push(`- ${t('meeting.note')}: ${e.note}`);
      for (const a of e.actions) lines.push(`- ${t('meeting.actions')}: ${a}`);
      for (const d of e.decisions) lines.push(`- ${t('meeting.decisions')}: ${d}`);
      lines.push('');
    }
    return lines.join('\n');
  };

  const copy = async () => {
    await navigator.clipboard.writeText(markdown());
    setCopied(true);
  };

  return (
    <section className="meeting-minutes" data-testid="meeting-minutes" aria-labelledby="minutes-title">
      <h3 id="minutes-title">{title}</h3>
      <p>{t('meeting.minutesWindow', { from: time(from), to: time(to) })}</p>
      <div className="meeting-actions no-print">
        <button type="button" onClick={() => window.print()}>
          {t('meeting.print')}
        </button>
        <button type="button" onClick={() => void copy()} data-testid="copy-markdown">
          {t('meeting.copyMarkdown')}
        </button>
        {copied && <span role="status">{t('meeting.copied')}</span>}
      </div>
      {entries.length === 0 ? (
        <p>{t('meeting.noneDiscussed')}</p>
      ) : (
        entries.map((e) => (
          <article key={e.id} className="minutes-entry" data-testid={`minutes-${e.id}`}>
            <h4>{e.name}</h4>
            <dl>
              <dt>{t('meeting.status')}</dt>
              <dd>{e.status}</dd>
              {e.reasons.length > 0 && (
                <>
                  <dt>{t('meeting.reasons')}</dt>
                  <dd>{e.reasons.join('; ')}</dd>
                </>
              )}
              {e.note && (
                <>
                  <dt>{t('meeting.note')}</dt>
                  <dd>{e.note}</dd>
                </>
              )}
              {e.actions.length > 0 && (
                <>
                  <dt>{t('meeting.actions')}</dt>
                  {e.actions.map((a, i) => (
                    <dd key={i}>{a}</dd>
                  ))}
                </>
              )}
              {e.decisions.length > 0 && (
                <>
                  <dt>{t('meeting.decisions')}</dt>
                  {e.decisions.map((d, i) => (
                    <dd key={i}>{d}</dd>
                  ))}
                </>
              )}
            </dl>
          </article>
        ))
      )}
    </section>
  );
}
