import { useTranslation } from 'react-i18next';
import { hoursText } from './styringApi';

/** Minutes a week: granted (visiteret), planned, delivered, and their balance (rules/time.ts). */
interface WeekTime {
  grantedMinutes: number;
  plannedMinutes: number;
  deliveredMinutes: number;
  balanceMinutes: number;
}

/** The week and time columns' headings, shared by the card's Tid table and Styring's weeks table. */
export function TimeHeadCells() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col">{t('styring.week')}</th>
      <th scope="col">{t('styring.granted')}</th>
      <th scope="col">{t('styring.planned')}</th>
      <th scope="col">{t('styring.delivered')}</th>
      <th scope="col">{t('styring.balance')}</th>
    </>
  );
}

/**
 * A week's four time cells in hours. `signed`: the balance with its sign and coloured over
 * or under (one citizen's week on the card); plain for a team's pooled weeks.
 */
export function TimeValueCells({ w, signed = false, testId }: { w: WeekTime; signed?: boolean; testId?: string }) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const balanceClass = !signed
    ? undefined
    : w.balanceMinutes > 0
      ? 'time-over'
      : w.balanceMinutes < 0
        ? 'time-under'
        : undefined;
  return (
    <>
      <td>{hoursText(w.grantedMinutes, lang)}</td>
      <td>{hoursText(w.plannedMinutes, lang)}</td>
      <td data-testid={testId}>{hoursText(w.deliveredMinutes, lang)}</td>
      <td className={balanceClass}>
        {signed && w.balanceMinutes > 0 ? '+' : ''}
        {hoursText(w.balanceMinutes, lang)}
      </td>
    </>
  );
}
