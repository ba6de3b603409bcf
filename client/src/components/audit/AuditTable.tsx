import { useTranslation } from 'react-i18next';
import { auditActionLabel, auditFieldLabel, type AuditItem } from '../../../../shared/protocol/audit.js';

const dateTime = (iso: string, lang: 'da' | 'en') =>
  new Date(iso).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', {
    timeZone: 'Europe/Copenhagen',
    dateStyle: 'short',
    timeStyle: 'medium',
  });

const show = (v: AuditItem['from']) => (v === null ? '' : String(v));

/** One row per audit entry, newest first. */
export function AuditTable({ items, lang }: { items: readonly AuditItem[]; lang: 'da' | 'en' }) {
  const { t } = useTranslation();
  return (
    <table className="audit-table" data-testid="audit-table">
      <thead>
        <tr>
          <th scope="col">{t('audit.columns.at')}</th>
          <th scope="col">{t('audit.columns.user')}</th>
          <th scope="col">{t('audit.columns.role')}</th>
          <th scope="col">{t('audit.columns.citizen')}</th>
          <th scope="col">{t('audit.columns.action')}</th>
          <th scope="col">{t('audit.columns.field')}</th>
          <th scope="col">{t('audit.columns.from')}</th>
          <th scope="col">{t('audit.columns.to')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.id}>
            <td>{dateTime(i.at, lang)}</td>
            <td>{i.userName ?? ''}</td>
            <td>{i.role ? t(`roles.${i.role}`) : ''}</td>
            <td>{i.cardId ? (i.citizen ?? t('audit.unknownCitizen')) : ''}</td>
            <td>{auditActionLabel(i.action, lang)}</td>
            <td title={i.field ?? undefined}>{i.field ? auditFieldLabel(i.field, lang) : ''}</td>
            <td>{show(i.from)}</td>
            <td>{show(i.to)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
