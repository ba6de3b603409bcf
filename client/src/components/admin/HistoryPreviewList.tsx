import { useTranslation } from 'react-i18next';
import { auditFieldLabel } from '../../../../shared/protocol/audit.js';
import type { HistoryPreview } from '../../../../shared/protocol/history.js';
import { TriageShape } from '../card/TriageShape';

interface Props {
  preview: HistoryPreview;
  selected: ReadonlySet<string>;
  onToggle: (cardId: string) => void;
  /** False for a read-only viewer: no checkboxes. */
  selectable: boolean;
}

/**
 * The board as it was, read-only: each column with its count and its cards (name, triage,
 * and how the card differs today), a checkbox per card for a selective restore.
 */
export function HistoryPreviewList({ preview, selected, onToggle, selectable }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const { diff } = preview;
  const summary = [
    diff.missing > 0 ? t('admin.history.missing', { count: diff.missing }) : null,
    diff.changed > 0 ? t('admin.history.changed', { count: diff.changed }) : null,
    diff.later > 0 ? t('admin.history.later', { count: diff.later }) : null,
  ].filter((x): x is string => x !== null);

  return (
    <div className="history-preview" data-testid="history-preview">
      <p className="history-diff" role="status" data-testid="history-diff">
        {summary.length > 0 ? summary.join(', ') + '.' : t('admin.history.nothing')}
      </p>
      <div className="history-columns">
        {preview.phases.map((phase) => (
          <section key={phase.id} className="history-column" aria-labelledby={`history-col-${phase.id}`}>
            <h3 id={`history-col-${phase.id}`}>
              {t('admin.history.columnCount', { title: phase.title, count: phase.cards.length })}
            </h3>
            <ul>
              {phase.cards.map((card) => (
                <li
                  key={card.id}
                  className={`history-card history-${card.status}`}
                  data-testid={`history-card-${card.id}`}
                >
                  <label>
                    {selectable && (
                      <input
                        type="checkbox"
                        checked={selected.has(card.id)}
                        onChange={() => onToggle(card.id)}
                        aria-label={t('admin.history.select', { name: card.name })}
                      />
                    )}{' '}
                    <span className={`triage-letter triage-${card.triage}`}>
                      <TriageShape triage={card.triage} />
                      {t(`admin.history.triage.${card.triage}`)}
                    </span>{' '}
                    <span className="history-name">{card.name}</span>
                  </label>{' '}
                  {card.status === 'missing' && <em>{t('admin.history.statusMissing')}</em>}
                  {card.status === 'changed' && (
                    <em>
                      {t('admin.history.statusChanged', {
                        fields: card.changedFields.map((f) => auditFieldLabel(f, lang)).join(', '),
                      })}
                    </em>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
