import { useTranslation } from 'react-i18next';
import type { AuditItem } from '../../../../shared/protocol/audit.js';
import { auditRowText, type AuditNames } from '../../../../shared/rules/auditText.js';

/**
 * One row per audit entry, newest first, in words people use: Danish time, names, "rød" for
 * red (shared/rules/auditText.ts). The raw field path is the cell's title for whoever
 * compares with the CSV.
 */
export function AuditTable({
  items,
  names,
  lang,
}: {
  items: readonly AuditItem[];
  names: AuditNames;
  lang: 'da' | 'en';
}) {
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
        {items.map((i) => {
          const text = auditRowText(i, names, lang);
          return (
            <tr key={i.id}>
              <td>
                <time dateTime={i.at}>{text.at}</time>
              </td>
              <td>{i.userName ?? (i.userId ? t('audit.unknownUser') : t('audit.system'))}</td>
              <td>{i.role ? t(`roles.${i.role}`) : ''}</td>
              <td>{i.cardId ? (i.citizen ?? t('audit.unknownCitizen')) : ''}</td>
              <td>{text.action}</td>
              <td title={i.field ?? undefined}>{text.field}</td>
              <td>{text.from}</td>
              <td>{text.to}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
