import { useTranslation } from 'react-i18next';
import { dischargeAwaitingReview, type Card } from '../../../../shared/index.js';
import { dayMonth } from '../lifecycle/util';

/** On the card face: "Udskrevet 06.12 – gennemgås" while the review with the planner is due (R27). */
export function DischargeFace({ card }: { card: Card }) {
  const { t, i18n } = useTranslation();
  const d = dischargeAwaitingReview(card);
  if (!d) return null;
  return (
    <div className="card-discharge" data-testid="discharge-face">
      {t('careSignals.discharge.face', { date: dayMonth(d.date, i18n.language === 'en' ? 'en' : 'da') })}
    </div>
  );
}
