import { useTranslation } from 'react-i18next';
import { formatDanishTime, type Card, type FieldConflict } from '../../../../shared/index.js';
import type { BoardConnection } from '../../sync/boardConnection';
import { useLifecycleEnv } from '../lifecycle/env';

/** A conflict value in words: triage colours in Danish, lists joined, nothing as "tom". */
export function useConflictWords() {
  const { t, i18n } = useTranslation();
  const lang: 'da' | 'en' = i18n.language === 'en' ? 'en' : 'da';
  const value = (field: FieldConflict['field'], v: unknown): string => {
    if (v === null || v === '' || v === undefined) return t('conflict.empty');
    if (field === 'triage' && typeof v === 'string') return t(`triage.${v}`).toLocaleLowerCase(lang);
    if (Array.isArray(v)) return v.join(', ');
    if (field === 'goals' && typeof v === 'object' && 'text' in v) return String(v.text);
    if (typeof v === 'object') return t('conflict.fields.temporaryChange');
    const text = String(v);
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  };
  const field = (f: FieldConflict['field']) => t(`conflict.fields.${f}`);
  const name = (byName: string) => byName || t('conflict.someone');
  return { t, lang, value, field, name };
}

/**
 * "Din ændring af triage (rød) blev overskrevet af Bent (gul)": on the card, for the person
 * whose change did not stay, with one tap to restore theirs ("Brug min", an ordinary edit)
 * or to accept ("Behold"). Both mark the conflict resolved.
 */
export function ConflictNotice({
  connection,
  card,
  conflicts,
}: {
  connection: BoardConnection;
  card: Card;
  conflicts: readonly FieldConflict[];
}) {
  const words = useConflictWords();
  const { user } = useLifecycleEnv();
  const { t } = words;
  if (conflicts.length === 0) return null;
  const answer = (c: FieldConflict, restore: boolean) => {
    if (restore && c.field === 'triage' && typeof c.lost.value === 'string') {
      // A colour change goes through MeetingDoc so the triage history says who set it back.
      connection.writeMeeting((meetings, origin) =>
        meetings.setTriage(card.id, c.lost.value as Card['triage'], { by: user.id, byName: user.name }, origin),
      );
      connection.write((board, origin) => board.resolveConflict(card.id, c.id, false, origin));
      return;
    }
    connection.write((board, origin) => board.resolveConflict(card.id, c.id, restore, origin));
  };
  return (
    <section className="conflict-notices" aria-label={t('conflict.title')} data-testid="conflict-notices">
      {conflicts.map((c) => {
        const vars = {
          field: words.field(c.field),
          mine: words.value(c.field, c.lost.value),
          kept: words.value(c.field, c.kept.value),
          name: words.name(c.kept.byName),
          time: c.kept.at ? formatDanishTime(Date.parse(c.kept.at), words.lang) : '',
        };
        return (
          <div key={c.id} className="conflict-notice" role="alert" data-testid="conflict-notice">
            <p>{t(c.kept.at ? 'conflict.notice' : 'conflict.noticeNoTime', vars)}</p>
            <div className="conflict-actions">
              <button type="button" className="primary" onClick={() => answer(c, true)}>
                {t('conflict.useMine')}
              </button>
              <button type="button" onClick={() => answer(c, false)}>
                {t('conflict.keep')}
              </button>
            </div>
          </div>
        );
      })}
    </section>
  );
}
